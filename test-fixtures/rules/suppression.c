/* fabric-lens-ignore comments silence one rule on their line or the next. fixture-rules: all */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct q { u32 *ring; dma_addr_t dma; void __iomem *db; };

static int q_alloc(struct device *dev, struct q *q, phys_addr_t bar)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	q->db = ioremap(bar, 64);
	return 0;
}

static void q_kick_silenced(struct q *q)
{
	q->ring[0] = 1;
	/* fabric-lens-ignore missing-wmb-before-doorbell: the device polls the ring only after an interrupt we raise later */
	writel_relaxed(1, q->db);
}

static void q_kick_same_line(struct q *q)
{
	q->ring[0] = 1;
	writel_relaxed(1, q->db); /* fabric-lens-ignore missing-wmb-before-doorbell: measured safe on this SoC */
}

/* Another rule's id does not silence this one. */
static void q_kick_other(struct q *q)
{
	q->ring[0] = 1;
	/* fabric-lens-ignore missing-wc-flush: unrelated */
	writel_relaxed(1, q->db); // expect: missing-wmb-before-doorbell (arm64, riscv64, x86_64)
}
