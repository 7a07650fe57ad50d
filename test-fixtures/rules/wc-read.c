/* wc-read: a read through a write-combining mapping while write-combined stores to it are still pending. fixture-rules: wc-read */
#include <linux/io.h>
#include <linux/pci.h>

struct fb { void __iomem *wc; void __iomem *regs; void __iomem *wc2; };

static int fb_map(struct pci_dev *pdev, struct fb *f)
{
	f->wc = pci_iomap_wc(pdev, 2, 0);
	f->wc2 = pci_iomap_wc(pdev, 4, 0);
	f->regs = pci_iomap(pdev, 0, 0);
	return 0;
}

/* A RAM-sizing probe: patterns written through the WC window, then read back with nothing flushing them. */
static int fb_probe_size(struct fb *f)
{
	writew(0x1234, f->wc + 0x100000);
	writew(0x5678, f->wc + 0x200000);
	return readw(f->wc + 0x100000) == 0x1234; // expect: wc-read (arm64, x86_64)
}

/* The same through __raw accessors: powerpc64's __raw_readw has no leading sync either. */
static int fb_probe_size_raw(struct fb *f)
{
	__raw_writew(0x1234, f->wc + 0x100000);
	return __raw_readw(f->wc + 0x100000) == 0x1234; // expect: wc-read (arm64, powerpc64, x86_64)
}

/* Clean: wmb() flushes the combined writes before the read-back. */
static int fb_probe_size_flushed(struct fb *f)
{
	writew(0x1234, f->wc + 0x100000);
	wmb();
	return readw(f->wc + 0x100000) == 0x1234;
}

/* Clean: a read of a memory-like WC window (SRAM, VRAM, shared DRAM) with nothing written before it. */
static u32 fb_header(struct fb *f)
{
	return readl(f->wc + 0x10);
}

/* Clean: registers are read through the uncached mapping. */
static u32 fb_status_ok(struct fb *f)
{
	writel(1, f->wc);
	return readl(f->regs + 0x10);
}

/* Clean: the pending writes went through another mapping than the read. */
static u32 fb_other_window(struct fb *f)
{
	writel(1, f->wc2);
	wmb();
	writel(2, f->wc);
	return readl(f->wc2 + 4);
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
	memcpy_toio(f->wc, dst, 64);
	memcpy_fromio(dst, f->wc, 64);
	__ioread32_copy(dst, f->wc + 64, 16);
}

/* A slot in the write-combining window for some queues and in coherent host memory for the others: its store is not
 * known to be write-combined, so a read-back of the window after it is not reported; a store through the window is. */
struct slot_q { u32 *slot; void __iomem *win; dma_addr_t dma; };

static int slot_q_map(struct pci_dev *pdev, struct slot_q *q, int onchip)
{
	q->win = pci_iomap_wc(pdev, 2, 0);
	if (onchip)
		q->slot = (u32 *)q->win;
	else
		q->slot = dma_alloc_coherent(&pdev->dev, 64, &q->dma, GFP_KERNEL);
	return 0;
}

static u32 slot_q_post(struct slot_q *q, u32 v)
{
	q->slot[0] = v;
	return readl(q->win + 4);
}

static u32 slot_q_post_window(struct slot_q *q, u32 v)
{
	writel(v, q->win);
	return readl(q->win + 4); // expect: wc-read (arm64, x86_64)
}
