/* redundant-barrier: wmb() right before writel(). fixture-rules: redundant-barrier */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct ring { u32 *desc; dma_addr_t dma; void __iomem *tail; void __iomem *wc; u32 next; };

static int ring_alloc(struct device *dev, struct ring *r, phys_addr_t bar)
{
	r->desc = dma_alloc_coherent(dev, 4096, &r->dma, GFP_KERNEL);
	r->tail = ioremap(bar, 4096);
	return 0;
}

static void ring_kick(struct ring *r)
{
	r->desc[r->next] = 1;
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	writel(r->next, r->tail);
}

/* Clean: the barrier orders a relaxed doorbell. */
static void ring_kick_relaxed(struct ring *r)
{
	r->desc[r->next] = 1;
	wmb();
	writel_relaxed(r->next, r->tail);
}

/* Clean: a store stands between the barrier and the doorbell. */
static void ring_kick_owner(struct ring *r)
{
	r->desc[r->next] = 1;
	wmb();
	r->desc[r->next + 1] = 2;
	writel(r->next, r->tail);
}
