/* wc-read: reads through a write-combining mapping. fixture-rules: wc-read */
#include <linux/io.h>
#include <linux/pci.h>

struct fb { void __iomem *wc; void __iomem *regs; };

static int fb_map(struct pci_dev *pdev, struct fb *f)
{
	f->wc = pci_iomap_wc(pdev, 2, 0);
	f->regs = pci_iomap(pdev, 0, 0);
	return 0;
}

static u32 fb_status(struct fb *f)
{
	return readl(f->wc + 0x10); // expect: wc-read (arm64, powerpc64, x86_64)
}

/* Clean: registers are read through the uncached mapping. */
static u32 fb_status_ok(struct fb *f)
{
	return readl(f->regs + 0x10);
}

/* Clean: writes only into the WC window. */
static void fb_fill(struct fb *f, const void *src)
{
	memcpy_toio(f->wc, src, 64);
	wmb();
}

/* Clean: a bulk copy out of the window reads a buffer (VRAM, a memory window), not a register. */
static void fb_read_back(struct fb *f, void *dst)
{
	memcpy_fromio(dst, f->wc, 64);
	__ioread32_copy(dst, f->wc + 64, 16);
}
