/* Quick fixes of iomem-plain-access: a line comment "fix: <code>" is the line after the preferred fix is applied; a
 * reported line without one must offer no fix. Applying every fix leaves the rule nothing to report on those lines. */
#include <linux/io.h>
#include <linux/pci.h>

struct regs { u32 ctrl; u32 status; u16 mode; u8 cmd; u64 addr; u32 data[16]; };
struct __packed pregs { u8 tag; u32 arg; };
struct dev { struct regs __iomem *r; u8 __iomem *sram; u8 __iomem *sram2; struct pregs __iomem *pk; };
struct pdev_regs { struct regs __iomem *bar; };

static int dev_map(struct pci_dev *pdev, struct dev *d)
{
	d->r = pci_ioremap_bar(pdev, 0);
	d->sram = ioremap(pci_resource_start(pdev, 2), 4096);
	d->sram2 = ioremap(pci_resource_start(pdev, 3), 4096);
	d->pk = ioremap(pci_resource_start(pdev, 4), 64);
	return 0;
}

static int pdev_map(struct pci_dev *pdev, struct pdev_regs *p)
{
	p->bar = pci_iomap(pdev, 0, 0);
	return p->bar ? 0 : -ENOMEM;
}

static u32 dev_scalars(struct dev *d, u16 v)
{
	u32 s;

	d->r->ctrl = 1; // fix: writel(1, &d->r->ctrl);
	d->r->mode = v; // fix: writew(v, &d->r->mode);
	d->r->addr = (u64)v << 32; // fix: writeq((u64)v << 32, &d->r->addr);
	*(u16 *)(d->sram + 4) = 7; // fix: writew(7, (u16 *)(d->sram + 4));
	d->r->data[3] = s = 5; // fix: writel(s = 5, &d->r->data[3]);
	s = d->r->status; // fix: s = readl(&d->r->status);
	if (d->r->data[2] & 0x80) // fix: if (readl(&d->r->data[2]) & 0x80)
		s++;
	d->r->ctrl |= 2;
	d->r->ctrl++;
	return s;
}

static void dev_copies(struct dev *d, void *buf)
{
	memcpy(d->sram, buf, 64); // fix: memcpy_toio(d->sram, buf, 64);
	memcpy(buf, d->sram + 64, 64); // fix: memcpy_fromio(buf, d->sram + 64, 64);
	memset(d->sram + 128, 0, 64); // fix: memset_io(d->sram + 128, 0, 64);
	memmove(d->sram + 256, buf, 16); // fix: memcpy_toio(d->sram + 256, buf, 16);
	memcpy(d->sram2, d->sram, 64);
}

/* A packed member may be unaligned: writel() faults there as the plain store does; no fix. */
static void dev_packed(struct dev *d)
{
	d->pk->arg = 1;
}

/* pci_iomap() may hand out a port-I/O cookie: only ioreadX()/iowriteX() take both. */
static u32 pdev_scalars(struct pdev_regs *p)
{
	p->bar->ctrl = 3; // fix: iowrite32(3, &p->bar->ctrl);
	return p->bar->status; // fix: return ioread32(&p->bar->status);
}

/* A call over several lines is renamed on its first. */
static void dev_long_copy(struct dev *d, const void *desc)
{
	memcpy(d->sram + 512, desc, // fix: memcpy_toio(d->sram + 512, desc,
	       32);
}
