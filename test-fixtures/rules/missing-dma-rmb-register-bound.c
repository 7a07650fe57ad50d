/* missing-dma-rmb for a ring walked up to an index register read with a relaxed accessor (io-semantics §j.3): the device
 * writes the entries, then moves the register, but readl_relaxed() orders no later load (arm64 ldr, riscv64 lw; on
 * x86_64 it has no "memory" clobber, so the compiler may hoist the loads). readl() ends with __io_ar(), a dma_rmb() on
 * arm64 (include/asm-generic/io.h:221-234). fixture-rules: missing-dma-rmb */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct rx_desc { __le32 status; __le32 flags; __le64 addr; };
struct rxq { struct rx_desc *ring; dma_addr_t dma; void __iomem *regs; u32 cons; };

static int rxq_alloc(struct device *dev, struct rxq *q)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->ring ? 0 : -ENOMEM;
}

static int rx_poll_relaxed(struct rxq *q, u32 *out)
{
	u32 prod = readl_relaxed(q->regs + 0x10);
	int n = 0;

	while (q->cons != prod) {
		out[n++] = le32_to_cpu(q->ring[q->cons & 255].status); // expect: missing-dma-rmb (arm64, riscv64, x86_64)
		q->cons++;
	}
	return n;
}

/* Clean: dma_rmb() after the register read orders the entry loads after it. */
static int rx_poll_fenced(struct rxq *q, u32 *out)
{
	u32 prod = readl_relaxed(q->regs + 0x10);
	int n = 0;

	dma_rmb();
	while (q->cons != prod) {
		out[n++] = le32_to_cpu(q->ring[q->cons & 255].status);
		q->cons++;
	}
	return n;
}

/* Clean: readl() orders later loads itself. */
static int rx_poll_ordered(struct rxq *q, u32 *out)
{
	u32 prod = readl(q->regs + 0x10);
	int n = 0;

	while (q->cons != prod) {
		out[n++] = le32_to_cpu(q->ring[q->cons & 255].status);
		q->cons++;
	}
	return n;
}

/* Clean: an interrupt status tested with a mask is no index; the loop is bounded by a budget, not by the register. */
static int rx_poll_budget(struct rxq *q, u32 *out, int budget)
{
	u32 isr = readl_relaxed(q->regs + 0x20);
	int n = 0;

	if (!(isr & 1))
		return 0;
	while (n < budget) {
		out[n++] = le32_to_cpu(q->ring[q->cons & 255].flags);
		q->cons++;
	}
	return n;
}

/* Clean: a transmit ring walked up to the device's consumer index reads back the words the CPU wrote when it queued
 * them (thunder's nicvf_sq_free_used_descs()). */
struct tx_desc { __le32 status; __le32 len; __le64 addr; };
struct txq { struct tx_desc *ring; dma_addr_t dma; void __iomem *regs; u32 head; };

static int txq_alloc(struct device *dev, struct txq *q)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->ring ? 0 : -ENOMEM;
}

static int tx_reclaim(struct txq *q)
{
	u32 hw_head = readl_relaxed(q->regs + 0x18);
	int bytes = 0;

	while (q->head != hw_head) {
		if (le32_to_cpu(q->ring[q->head & 255].status) & 1)
			bytes += le32_to_cpu(q->ring[q->head & 255].len);
		q->head++;
	}
	return bytes;
}
