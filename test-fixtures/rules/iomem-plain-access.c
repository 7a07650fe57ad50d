/* iomem-plain-access: memcpy/memset/plain dereference through an ioremap pointer. fixture-rules: iomem-plain-access */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>

struct regs { u32 ctrl; u32 status; u32 data[16]; };
struct dev { struct regs __iomem *r; u8 __iomem *sram; void *shm; void *p2p; };

static int dev_map(struct pci_dev *pdev, struct dev *d)
{
	d->r = pci_ioremap_bar(pdev, 0);
	d->sram = ioremap(pci_resource_start(pdev, 2), 4096);
	d->shm = memremap(pci_resource_start(pdev, 4), 4096, MEMREMAP_WB);
	d->p2p = pci_alloc_p2pmem(pdev, 4096);
	return 0;
}

static void dev_bad(struct dev *d, const void *buf)
{
	d->r->ctrl = 1; // expect: iomem-plain-access (powerpc64)
	memcpy(d->sram, buf, 64); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	memset(d->sram + 64, 0, 64); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
}

static u32 dev_bad_read(struct dev *d)
{
	return d->r->status; // expect: iomem-plain-access (powerpc64)
}

/* A single aligned scalar access is taken as written by x86 UC, arm64 Device and riscv IO memory (API misuse without
 * effect); on big-endian powerpc64 a multi-byte one reads or writes the little-endian register byte-swapped, which
 * readX()/writeX() would have swapped back. Widths come from the member's type, a cast or the pointer's element type. */
static u32 dev_widths(struct dev *d)
{
	u32 v = d->r->data[2]; // expect: iomem-plain-access (powerpc64)

	*(u16 *)(d->sram + 4) = 7; // expect: iomem-plain-access (powerpc64)
	return v;
}

/* Clean: a byte has no byte order, and takes no alignment. */
static void dev_bytes(struct dev *d, u8 v)
{
	u8 __iomem *p = d->sram;

	d->sram[3] = v;
	p[4] = v;
	*(u8 *)(d->sram + 5) = v;
}

/* Clean: operands that are never evaluated, an array member used as an address, and an address taken. */
static unsigned int dev_sizes(struct dev *d, void *buf)
{
	unsigned int n = ARRAY_SIZE(d->r->data) + sizeof(d->r->status) + sizeof_field(struct regs, ctrl);

	BUILD_BUG_ON(sizeof(d->r->data) != 64);
	memcpy_fromio(buf, d->r->data, sizeof(d->r->data));
	writel(n, &d->r->data[1]);
	return n;
}

/* Clean: a register declared big-endian is read by a big-endian plain load as in_be32() reads it. */
struct be_regs { __be32 mode; __be32 desc[2]; };
struct be_dev { struct be_regs __iomem *hw; };

static int be_map(struct pci_dev *pdev, struct be_dev *b)
{
	b->hw = pci_ioremap_bar(pdev, 0);
	return 0;
}

static u32 be_mode(struct be_dev *b)
{
	return be32_to_cpu(b->hw->mode) + be32_to_cpu(b->hw->desc[1]);
}

/* A member of a packed struct may be unaligned: arm64 Device and riscv IO memory fault on that. */
struct pk_regs { u8 cmd; u32 arg; u8 id; } __packed;
struct pk_dev { struct pk_regs __iomem *pk; };

static int pk_map(struct pci_dev *pdev, struct pk_dev *k)
{
	k->pk = pci_ioremap_bar(pdev, 0);
	return 0;
}

static void pk_kick(struct pk_dev *k)
{
	k->pk->arg = 1; // expect: iomem-plain-access (arm64, powerpc64, riscv64)
	k->pk->id = 2;
}

/* Clean: accessors, and ordinary memory from memremap() and P2PDMA. */
static void dev_ok(struct dev *d, const void *buf)
{
	writel(1, &d->r->ctrl);
	memcpy_toio(d->sram, buf, 64);
	memset_io(d->sram + 64, 0, 64);
	memcpy(d->shm, buf, 64);
	memcpy(d->p2p, buf, 64);
}

/* Write-combined and cacheable mappings take aligned plain accesses (RAM-backed BARs, shared DRAM); only copies fault,
 * and only where the memory type is cache-inhibited (powerpc64) or I/O (riscv64 6.1 maps WC and cache as IO). */
struct shm_dev { struct regs __iomem *rom; u8 __iomem *vram; u8 __iomem *cached; };

static int shm_map(struct pci_dev *pdev, struct shm_dev *s)
{
	s->rom = ioremap_wc(pci_resource_start(pdev, 0), 4096);
	s->vram = pci_iomap_wc(pdev, 2, 0);
	s->cached = ioremap_cache(pci_resource_start(pdev, 4), 4096);
	return 0;
}

static u32 shm_rom_status(struct shm_dev *s)
{
	return s->rom->status;
}

static void shm_fill(struct shm_dev *s, const void *buf)
{
	memset(s->vram, 0, 64); // expect: iomem-plain-access (powerpc64, riscv64)
	memcpy(s->cached, buf, 64); // expect: iomem-plain-access (riscv64)
	s->cached[0] = 1;
}

/* Clean: code that never compiles (imsttfb.c keeps a cursor routine under #if 0), and the #else of #if 1. */
#if 0
static void dev_dead(struct dev *d, const void *buf)
{
	d->r->ctrl = 1;
	memcpy(d->sram, buf, 64);
}
#endif

static void dev_live_branch(struct dev *d, const void *buf)
{
#if 1
	memcpy_toio(d->sram, buf, 64);
#else
	memcpy(d->sram, buf, 64);
#endif
#if 0
#ifdef CONFIG_DEV_DEBUG
	d->r->ctrl = 2;
#endif
	d->r->ctrl = 3;
#elif defined(CONFIG_DEV_FAST)
	d->r->ctrl = 4; // expect: iomem-plain-access (powerpc64)
#else
	d->r->ctrl = 5; // expect: iomem-plain-access (powerpc64)
#endif
}

/* Byte order cannot matter (powerpc64 big-endian takes the little-endian device word byte-swapped): a store of a value
 * whose bytes read the same reversed at the access width (0, all ones, 0x0101: a literal, a macro, a local initialised
 * to one and never written again), a bytewise |= or &= with one, a load only tested for zero. Any other value, a macro
 * defined differently under alternative branches, a carrying += and a load compared with a value still report. */
#define SLOT_FREE	0x0000
#define SLOT_MARK	0x0101
#define SLOT_BUSY	0x0100
#ifdef __BIG_ENDIAN
#define SLOT_ANY	0x0000
#else
#define SLOT_ANY	0x0001
#endif

struct slots { u16 slot[64]; u16 mode; u32 word; };
struct tbl_dev { struct slots __iomem *s; u16 __iomem *sched; };

static int tbl_map(struct pci_dev *pdev, struct tbl_dev *t)
{
	t->s = pci_ioremap_bar(pdev, 1);
	t->sched = ioremap(pci_resource_start(pdev, 3), 4096);
	return 0;
}

static void tbl_clear(struct tbl_dev *t, u16 vci, int i)
{
	u16 *p = t->sched, null_vci = 0, first = 1;
	u16 v = 0;

	*p = SLOT_FREE;
	t->s->slot[i] = 0;
	t->s->mode = 0xffff;
	t->s->word = ~0;
	t->s->word = SLOT_MARK | (SLOT_MARK << 16);
	p[1] = null_vci;
	t->s->mode |= SLOT_MARK;
	t->s->mode &= (u16)~0;
	*p = SLOT_BUSY; // expect: iomem-plain-access (powerpc64)
	*p = SLOT_ANY; // expect: iomem-plain-access (powerpc64)
	t->s->mode = 0x00ff; // expect: iomem-plain-access (powerpc64)
	t->s->word = 0xffff; // expect: iomem-plain-access (powerpc64)
	t->s->mode += SLOT_MARK; // expect: iomem-plain-access (powerpc64)
	p[2] = first; // expect: iomem-plain-access (powerpc64)
	v = vci;
	p[3] = v; // expect: iomem-plain-access (powerpc64)
}

/* A local passed bare to a call may be assigned by a function-like macro (readw_poll_timeout(), get_user()). */
static void tbl_polled(struct tbl_dev *t)
{
	u16 polled = 0;

	tbl_fetch(polled, t);
	t->s->mode = polled; // expect: iomem-plain-access (powerpc64)
}

static int tbl_find(struct tbl_dev *t, int n)
{
	int i;

	for (i = 0; i < n && t->s->slot[i]; i++)
		;
	if (!t->s->mode)
		return -1;
	if (t->s->word != 0)
		return i;
	if (t->s->slot[1] == 5) // expect: iomem-plain-access (powerpc64)
		return 0;
	if (t->s->mode & 0x8000) // expect: iomem-plain-access (powerpc64)
		return 1;
	return t->s->slot[2] ? 2 : 3;
}

/* A member the CPU configures itself while the device is set up (.probe), with a computed value, and only reads back
 * later: the native load returns what the native store put there, so the byte-order defect is that store (reported).
 * A member the device may write still reports: never stored by the CPU, only reset to a constant, stored again on the
 * I/O path, or named as a position, count or status word. */
struct rdesc { u16 buf_lo; u16 dma_lo; u16 mode; u16 rd_ptr; u16 tag; };
struct rdev { struct rdesc __iomem *d; };

static int rdev_setup(struct pci_dev *pdev, struct rdev *r, u32 start)
{
	r->d = pci_ioremap_bar(pdev, 2);
	r->d->buf_lo = start & 0xffff; // expect: iomem-plain-access (powerpc64)
	r->d->mode = 0;
	r->d->rd_ptr = start >> 4; // expect: iomem-plain-access (powerpc64)
	r->d->tag = start >> 8; // expect: iomem-plain-access (powerpc64)
	return 0;
}

static int rdev_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rdev *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	return rdev_setup(pdev, r, 0x100);
}

static struct pci_driver rdev_driver = {
	.name = "rdev",
	.probe = rdev_probe,
};

static void rdev_retag(struct rdev *r, u16 t)
{
	r->d->tag = t; // expect: iomem-plain-access (powerpc64)
}

static u32 rdev_rx(struct rdev *r)
{
	u32 v = r->d->buf_lo;

	v += r->d->dma_lo; // expect: iomem-plain-access (powerpc64)
	v += r->d->mode; // expect: iomem-plain-access (powerpc64)
	v += r->d->rd_ptr; // expect: iomem-plain-access (powerpc64)
	v += r->d->tag; // expect: iomem-plain-access (powerpc64)
	return v;
}

/* A load only compared for equality with values of its own kind, so a byte swap (a bijection) cannot change the
 * answer: through a local no narrower than it, compared == / != with a host member that only ever holds such loads or
 * byte-palindromic constants, stored whole into that member, compared with a palindromic constant, printed. A member
 * that also gets another value or is used as a number, a narrower local, an ordering comparison, a non-palindromic
 * constant, a copy into device memory still report. */
struct lk_vc { u16 cell_slot; u16 frac; u16 rate; u16 credit; u16 level; u16 epoch; u16 quota; u16 peak; u16 mirror; };
struct lk_shadow { u16 last_slot; u16 last_frac; u16 last_rate; u16 last_credit; u16 last_level; u16 last_quota; };
struct lk_dev { struct lk_vc __iomem *vc; struct lk_shadow *sh; };

static int lk_map(struct pci_dev *pdev, struct lk_dev *d)
{
	d->vc = pci_ioremap_bar(pdev, 4);
	d->sh = kzalloc(sizeof(*d->sh), GFP_KERNEL);
	if (!d->sh)
		return -ENOMEM;
	d->sh->last_slot = 0;
	d->sh->last_frac = 0xffff;
	d->sh->last_rate = 0;
	d->sh->last_credit = 0;
	return 0;
}

static int lk_stuck(struct lk_dev *d)
{
	u16 slot, frac, rate, credit, quota, peak;
	u8 level;
	int stuck = 0;

	slot = d->vc->cell_slot;
	frac = d->vc->frac;
	if ((slot == d->sh->last_slot) && (frac == d->sh->last_frac))
		stuck = 1;
	d->sh->last_slot = slot;
	d->sh->last_frac = frac;
	pr_debug("slot %x frac %x\n", slot, frac);
	if (d->vc->epoch == 0xffff || d->vc->epoch != SLOT_MARK)
		stuck++;
	if (d->vc->epoch == SLOT_BUSY) // expect: iomem-plain-access (powerpc64)
		stuck++;
	rate = d->vc->rate; // expect: iomem-plain-access (powerpc64)
	if (rate != d->sh->last_rate)
		d->sh->last_rate = rate;
	credit = d->vc->credit; // expect: iomem-plain-access (powerpc64)
	if (credit != d->sh->last_credit)
		d->sh->last_credit = credit;
	level = d->vc->level; // expect: iomem-plain-access (powerpc64)
	if (level == d->sh->last_level)
		stuck++;
	quota = d->vc->quota; // expect: iomem-plain-access (powerpc64)
	if (quota < d->sh->last_quota)
		stuck++;
	/* Copied whole into the device: the two native accesses move it exactly, but writew() at the store alone would
	 * then swap it, so the load reports with the store. */
	peak = d->vc->peak; // expect: iomem-plain-access (powerpc64)
	d->vc->mirror = peak; // expect: iomem-plain-access (powerpc64)
	return stuck;
}

static void lk_rate(struct lk_dev *d, u16 r)
{
	d->sh->last_rate = r;
}

static int lk_credit(struct lk_dev *d)
{
	return d->sh->last_credit + 1;
}

/* memcpy() of one scalar between a local and a pointer whose type aligns it for that scalar (`u16 *`), of the local's
 * size: GCC 12 makes it one aligned load or store of that width on x86_64, arm64 and powerpc64; riscv64 (built with
 * -mstrict-align) copies it byte by byte. Copied out and only tested, byte order cannot matter either. A wider copy
 * than the pointer's type aligns, a byte-stepped pointer, and a small memset() (GCC stores 8 bytes at a time
 * whatever the struct's alignment) stay copies everywhere. */
struct sched_vc { u16 w[16]; };
typedef char *sched_addr_t;

static int sched_find(struct tbl_dev *t, int slot, u16 vci, struct sched_vc *vc)
{
	u16 *tbl = t->sched + slot;
	u16 v, w, idx = vci;
	u32 wide;

	memcpy((sched_addr_t)&v, (sched_addr_t)tbl, sizeof(v)); // expect: iomem-plain-access (riscv64)
	while (v) {
		memcpy(&v, tbl + 1, sizeof(v)); // expect: iomem-plain-access (riscv64)
		if (!v)
			break;
		tbl++;
	}
	memcpy((char *)tbl, (char *)&idx, sizeof(*tbl)); // expect: iomem-plain-access (powerpc64, riscv64)
	memcpy(&w, tbl, 2); // expect: iomem-plain-access (powerpc64, riscv64)
	memcpy(&wide, tbl, sizeof(wide)); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	memcpy(&v, (u8 *)tbl + 1, sizeof(v)); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	vc = (struct sched_vc *)t->sched + slot;
	memset(vc, 0, sizeof(*vc)); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	return w + wide;
}

/* A mailbox helper several functions share, its base stored from the setup helper's parameter (octeontx2's
 * otx2_mbox_init()): one caller passes ioremap_wc(), Normal-NC on arm64 and WC on x86_64, where a plain copy is
 * legal; another the register BAR plus an offset, Device/UC memory. The copy goes wrong on arm64 and x86_64 only
 * through one of the two, so it is reported only where it goes wrong through both (powerpc64 cache-inhibits WC,
 * riscv64 6.1 maps it as IO). A mailbox whose every caller passes the register BAR is reported on all four. The
 * doorbell after the copy (otx2_mbox_msg_send()'s writeq()) is what gets the sending function analysed. */
struct mixmb { void *hwbase; };
struct mixmb_dev { struct mixmb mb; u8 __iomem *regs; };

static void mixmb_setup(struct mixmb *mb, void *hwbase)
{
	mb->hwbase = hwbase;
}

static int mixmb_probe_ram(struct pci_dev *pdev, struct mixmb_dev *m)
{
	void __iomem *hw = ioremap_wc(pci_resource_start(pdev, 4), 65536);

	mixmb_setup(&m->mb, hw);
	return 0;
}

static int mixmb_probe_bar(struct pci_dev *pdev, struct mixmb_dev *m)
{
	m->regs = pci_ioremap_bar(pdev, 2);
	mixmb_setup(&m->mb, m->regs + 0xc0000);
	return 0;
}

static void mixmb_send(struct mixmb_dev *m, struct mixmb *mb, const void *msg, size_t n)
{
	memcpy(mb->hwbase + 16, msg, n); // expect: iomem-plain-access (powerpc64, riscv64)
	writel(1, m->regs + 0x20);
}

struct barmb { void *hwbase; };
struct barmb_dev { struct barmb mb; u8 __iomem *regs; };

static void barmb_setup(struct barmb *mb, void *hwbase)
{
	mb->hwbase = hwbase;
}

static int barmb_probe(struct pci_dev *pdev, struct barmb_dev *m)
{
	m->regs = pci_ioremap_bar(pdev, 2);
	barmb_setup(&m->mb, m->regs + 0xc0000);
	return 0;
}

static void barmb_send(struct barmb_dev *m, struct barmb *mb, const void *msg, size_t n)
{
	memcpy(mb->hwbase + 16, msg, n); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	writel(1, m->regs + 0x20);
}

/* Clean: a word assembled byte-wise in a local from a byte stream (halfword copies from memory, a byte tail) and then
 * stored natively: the local's memory image is the stream's bytes, and a native store puts them at ascending addresses
 * in either byte order, as memcpy_toio() would (writel() would swap them on big-endian powerpc64). */
static void dev_put_stream(struct dev *d, const void *src, unsigned int len)
{
	unsigned int n = len;
	const u16 *from = src;
	u32 *to = (u32 *)(d->sram + 128);
	u16 *half;
	u8 *tail;
	u32 word = 0;
	int i = 0;

	for (; len > 3; len -= 4) {
		half = (u16 *)&word;
		*half++ = *from++;
		*half++ = *from++;
		to[i++] = word;
	}
	if (len) {
		const u8 *rest = (const u8 *)from;

		word = 0;
		tail = (u8 *)&word;
		for (; len > 0; len--)
			*tail++ = *rest++;
		to[i] = word;
	}
	writel(n, &d->r->ctrl);
}

void dev_fill(u8 *p, int n);

/* Still reported: a halfword of the image is a number the CPU computed (host byte order inside the word), the local
 * is also given a number, or its address goes to a call that may store anything there. */
static void dev_put_header(struct dev *d, u16 len, u16 flags)
{
	u32 *to = (u32 *)(d->sram + 256);
	u16 *half;
	u32 word = 0, num = 0, got = 0;

	half = (u16 *)&word;
	*half++ = len;
	*half = flags;
	to[0] = word; // expect: iomem-plain-access (powerpc64)
	*(u16 *)&num = *(const u16 *)d->shm;
	num = len;
	to[1] = num; // expect: iomem-plain-access (powerpc64)
	dev_fill((u8 *)&got, 4);
	to[2] = got; // expect: iomem-plain-access (powerpc64)
	writel(len, &d->r->ctrl);
}

/* One finding per wrong access, where it is: a helper (inlined at its calls for the I/O it does) that reads the mapped
 * member itself is reported at its own access, not again at each call of it, and a suppression at the access
 * silences the calls too. */
static u32 dev_poll_status(struct dev *d)
{
	writel(0, &d->r->ctrl);
	return d->r->status; // expect: iomem-plain-access (powerpc64)
}

static void dev_quiet(struct dev *d)
{
	/* fabric-lens-ignore iomem-plain-access: the board is little-endian only */
	d->r->ctrl = 9;
	writel(1, &d->r->ctrl);
}

static u32 dev_irq(struct dev *d)
{
	u32 s = dev_poll_status(d);

	dev_quiet(d);
	return s + dev_poll_status(d);
}

static void dev_timer(struct dev *d)
{
	if (dev_poll_status(d))
		writel(2, &d->r->ctrl);
	dev_quiet(d);
}

/* A helper given the pointer by its caller is reported at the call that shows where the pointer points, once: not
 * again at the calls of that caller. (The callers need nothing else a finding could start from: a call passing a
 * mapping to a parameter the helper stores through is such a start itself.) */
static void dev_arm(struct regs __iomem *r)
{
	r->ctrl = 3;
	writel(0, &r->status);
}

static void dev_start(struct dev *d)
{
	dev_arm(d->r); // expect: iomem-plain-access (powerpc64)
	writel(1, &d->r->ctrl);
}

static void dev_resume(struct dev *d)
{
	dev_start(d);
	writel(2, &d->r->ctrl);
}

/* A store into an element of an array member writes the mapped struct holding the array, as a load of one reads it. */
static void dev_fill(struct dev *d, u32 v, int i)
{
	d->r->data[i] = v; // expect: iomem-plain-access (powerpc64)
	writel(v, &d->r->data[i + 1]);
}

/* A mapping a helper stores through its out-parameter (altera-msgdma.c:790's request_and_map()): the member whose
 * address the caller passes holds it, so a copy through it is plain access to the mapping, `__force` cast or not. */
struct fifo_dev { void __iomem *csr; void __iomem *fifo; void *shadow; };

static int map_region(struct platform_device *pdev, int bar, void __iomem **ptr)
{
	*ptr = devm_platform_ioremap_resource(pdev, bar);
	return IS_ERR(*ptr) ? PTR_ERR(*ptr) : 0;
}

static int alloc_shadow(struct device *dev, void **ptr)
{
	*ptr = kzalloc(64, GFP_KERNEL);
	return *ptr ? 0 : -ENOMEM;
}

static int fifo_probe(struct platform_device *pdev, struct fifo_dev *f)
{
	int ret = map_region(pdev, 0, &f->csr);

	if (ret)
		return ret;
	ret = map_region(pdev, 1, &f->fifo);
	return ret ? ret : alloc_shadow(&pdev->dev, &f->shadow);
}

static void fifo_push(struct fifo_dev *f, const u32 *cmd)
{
	void __iomem *slot = f->fifo;

	memcpy((void __force *)slot, cmd, 12); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	memcpy(f->shadow, cmd, 12);
	iowrite32(cmd[3], slot + 12);
}

/* A value converted to a fixed byte order at the store's width lands in that order on either CPU byte order: no
 * byte-order finding on powerpc64 (a big-endian device's register given cpu_to_be32(), as iowrite32be() would). A
 * conversion of another width, or one that is only part of the value, still is one. */
static void dev_fixed_order(struct dev *d, u32 v, u16 h)
{
	d->r->ctrl = cpu_to_be32(v);
	d->r->status = (cpu_to_le32(v));
	d->r->data[0] = cpu_to_be16(h); // expect: iomem-plain-access (powerpc64)
	d->r->data[1] = cpu_to_le32(v) | 1; // expect: iomem-plain-access (powerpc64)
	*(u16 *)(d->sram + 8) = htons(h);
}
