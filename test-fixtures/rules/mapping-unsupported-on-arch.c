/* mapping-unsupported-on-arch: mappings that return NULL or lose their memory type. fixture-rules: mapping-unsupported-on-arch */
#include <linux/io.h>

static void __iomem *map_uc(phys_addr_t p)
{
	return ioremap_uc(p, 4096); // expect: mapping-unsupported-on-arch (arm64, riscv64)
}

static void __iomem *map_np(phys_addr_t p)
{
	return ioremap_np(p, 4096); // expect: mapping-unsupported-on-arch (powerpc64, riscv64, x86_64)
}

static void __iomem *map_wc(phys_addr_t p)
{
	return ioremap_wc(p, 4096); // expect: mapping-unsupported-on-arch (riscv64)
}

/* Clean: plain ioremap() is what it says everywhere. */
static void __iomem *map_plain(phys_addr_t p)
{
	return ioremap(p, 4096);
}

/*
 * Write combining only affects stores. A mapping kept in a local, read through read accessors only and unmapped,
 * loses nothing without it: not reported. Any other use (a write, a store of the pointer, an unknown call, a return)
 * keeps the finding.
 */
struct ro_dev { void __iomem *win; u8 *copy; };

static int ro_copy_out(struct ro_dev *d, phys_addr_t p, size_t n)
{
	u8 __iomem *win;

	win = ioremap_wc(p, n);
	if (!win)
		return -ENOMEM;
	memcpy_fromio(d->copy, win, n);
	d->copy[0] = readb(win + 4);
	iounmap(win);
	return 0;
}

static int ro_write_through(struct ro_dev *d, phys_addr_t p, size_t n)
{
	u8 __iomem *win;

	win = ioremap_wc(p, n); // expect: mapping-unsupported-on-arch (riscv64)
	if (!win)
		return -ENOMEM;
	memcpy_fromio(d->copy, win, n);
	writel(1, win + 8);
	iounmap(win);
	return 0;
}

static int ro_toio(struct ro_dev *d, phys_addr_t p, size_t n)
{
	u8 __iomem *win = ioremap_wc(p, n); // expect: mapping-unsupported-on-arch (riscv64)

	if (!win)
		return -ENOMEM;
	memcpy_toio(win, d->copy, n);
	iounmap(win);
	return 0;
}

static int ro_plain_store(struct ro_dev *d, phys_addr_t p, size_t n)
{
	u32 __iomem *win = ioremap_wc(p, n); // expect: mapping-unsupported-on-arch (riscv64)

	if (!win)
		return -ENOMEM;
	d->copy[0] = readb(win);
	*win = 0;
	iounmap(win);
	return 0;
}

static int ro_kept_in_member(struct ro_dev *d, phys_addr_t p, size_t n)
{
	u8 __iomem *win;

	win = ioremap_wc(p, n); // expect: mapping-unsupported-on-arch (riscv64)
	if (!win)
		return -ENOMEM;
	d->copy[0] = readb(win);
	d->win = win;
	return 0;
}

void ro_fill(void __iomem *to, size_t n);

static int ro_passed_on(struct ro_dev *d, phys_addr_t p, size_t n)
{
	u8 __iomem *win;

	win = ioremap_wc(p, n); // expect: mapping-unsupported-on-arch (riscv64)
	if (!win)
		return -ENOMEM;
	d->copy[0] = readb(win);
	ro_fill(win, n);
	iounmap(win);
	return 0;
}

static u8 __iomem *ro_returned(struct ro_dev *d, phys_addr_t p, size_t n)
{
	u8 __iomem *win;

	win = ioremap_wc(p, n); // expect: mapping-unsupported-on-arch (riscv64)
	if (!win)
		return NULL;
	d->copy[0] = readb(win);
	return win;
}

/* Clean: strong UC only on the 32-bit x86 and ia64 builds, none of the four targets (atyfb's register aperture). */
static void __iomem *map_regs_legacy(phys_addr_t p)
{
#if defined(__i386__) || defined(__ia64__)
	return ioremap_uc(p, 4096);
#else
	return ioremap(p, 4096);
#endif
}

/* Clean: an Alpha-only write-combined aperture (radeon_ttm's bus.addr). */
static void __iomem *map_vram_alpha(phys_addr_t p)
{
	void __iomem *vram = NULL;
#ifdef __alpha__
	vram = ioremap_wc(p, 1 << 20);
#endif
	return vram;
}

/* Bad: under __powerpc__, which the powerpc64 compiler predefines too. */
static void __iomem *map_np_powerpc(phys_addr_t p)
{
#if defined(__powerpc__)
	return ioremap_np(p, 4096); // expect: mapping-unsupported-on-arch (powerpc64)
#else
	return ioremap(p, 4096);
#endif
}

/*
 * ioremap_np() selected by IORESOURCE_MEM_NONPOSTED, a flag only arm64 platforms set (drivers/of/address.c:860-861,
 * :1136-1137): the call runs only where it is supported. Not reported, alone or as a conjunct of &&.
 */
struct np_res { unsigned long flags; phys_addr_t start; };

static void __iomem *map_by_flag(struct np_res *res)
{
	if (res->flags & IORESOURCE_MEM_NONPOSTED)
		return ioremap_np(res->start, 4096);
	return ioremap(res->start, 4096);
}

static void __iomem *map_by_flag_and(struct np_res *res, int type)
{
	if (type == 1 && (res->flags & IORESOURCE_MEM_NONPOSTED))
		return ioremap_np(res->start, 4096);
	return ioremap(res->start, 4096);
}

/* Look-alikes: the flag clear, another flag, the else branch, an || : the call may run anywhere. */
static void __iomem *map_flag_clear(struct np_res *res)
{
	if (!(res->flags & IORESOURCE_MEM_NONPOSTED))
		return ioremap_np(res->start, 4096); // expect: mapping-unsupported-on-arch (powerpc64, riscv64, x86_64)
	return ioremap(res->start, 4096);
}

static void __iomem *map_other_flag(struct np_res *res)
{
	if (res->flags & IORESOURCE_MEM_64)
		return ioremap_np(res->start, 4096); // expect: mapping-unsupported-on-arch (powerpc64, riscv64, x86_64)
	return ioremap(res->start, 4096);
}

static void __iomem *map_flag_else(struct np_res *res)
{
	if (res->flags & IORESOURCE_MEM_NONPOSTED)
		return ioremap(res->start, 4096);
	else
		return ioremap_np(res->start, 4096); // expect: mapping-unsupported-on-arch (powerpc64, riscv64, x86_64)
}

static void __iomem *map_flag_or(struct np_res *res, int force)
{
	if (force || (res->flags & IORESOURCE_MEM_NONPOSTED))
		return ioremap_np(res->start, 4096); // expect: mapping-unsupported-on-arch (powerpc64, riscv64, x86_64)
	return ioremap(res->start, 4096);
}
