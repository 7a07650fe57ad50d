/* Clean: another driver of the same directory (it includes none of xdma's local headers) puts a DMA address in the
 * same kernel struct's member; xdma's BAR address is not its value. */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma/xdma.h>

struct other_ep { void __iomem *regs; struct xdma_region ring; };

static int other_ep_start(struct device *dev, struct other_ep *ep)
{
	ep->ring.vaddr = dma_alloc_coherent(dev, 4096, &ep->ring.paddr, GFP_KERNEL);
	ep->ring.paddr = dma_map_single(dev, ep->ring.vaddr, 4096, DMA_TO_DEVICE);
	writel(lower_32_bits(ep->ring.paddr), ep->regs + 0x10);
	writeq(ep->ring.paddr, ep->regs + 0x18);
	return 0;
}
