/* missing-wmb-before-doorbell: a bulk copy into a ring slot, then wmb() and a producer-index write, where one branch
 * of that write goes through a helper the flow does not follow (beyond the inlining depth), after qla2x00_start_sp():
 * qlafx00_fxdisc_iocb()'s memcpy_toio(), wmb(), qla2x00_start_iocbs() -> qla82xx_start_iocbs() -> qla82xx_wr_32().
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct cmd_entry { __le64 addr; __le32 len; __le32 flags; };

struct cmdq {
	struct cmd_entry *ring;
	dma_addr_t ring_dma;
	void __iomem *slot;
	void __iomem *db;
	void __iomem *crb;
	unsigned int prod;
	int use_crb;
};

static int cmdq_alloc(struct device *dev, struct cmdq *q, void __iomem *bar)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->ring_dma, GFP_KERNEL);
	q->slot = bar + 0x1000;
	q->db = bar + 0x800;
	q->crb = bar + 0x2000;
	return q->ring ? 0 : -ENOMEM;
}

/* Three calls down from the posting functions: the flow leaves crb_write() as an opaque call that writes the device. */
static void crb_window(struct cmdq *q, u32 off) { writel(off, q->crb); }
static void crb_write(struct cmdq *q, u32 off, u32 val) { crb_window(q, off); writel(val, q->crb + 4); }
static void crb_ring(struct cmdq *q) { crb_write(q, 0x10, q->prod); }

static void ring_doorbell(struct cmdq *q)
{
	q->prod++;
	if (q->use_crb)
		crb_ring(q);
	else
		writel(q->prod, q->db);
}

/* Clean: the copy moves the command; after wmb() every path writes the producer index, on one of them inside the
 * helper not followed. The copy is data, the index write the doorbell. */
static void post_copy_then_ring(struct cmdq *q, const void *cmd, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	memcpy_toio(q->slot, cmd, 32);
	wmb();
	ring_doorbell(q);
}

/* Bad: the same without wmb(): the helper's writes are not known to be ordered after the copy on that path. */
static void post_copy_then_ring_unordered(struct cmdq *q, const void *cmd, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	memcpy_toio(q->slot, cmd, 32); // expect: missing-wmb-before-doorbell (arm64, riscv64)
	if (q->use_crb)
		crb_ring(q);
}

/* Bad: after wmb() one path calls a helper that only reads the device: nothing tells the device to act on that path,
 * so the copy may be what it acts on. */
static u32 crb_peek(struct cmdq *q) { return readl(q->crb + 8); }
static u32 crb_status(struct cmdq *q) { return crb_peek(q); }

static void post_copy_then_peek(struct cmdq *q, const void *cmd, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	memcpy_toio(q->slot, cmd, 32); // expect: missing-wmb-before-doorbell (arm64, riscv64)
	wmb();
	if (q->use_crb)
		crb_status(q);
	else
		writel(q->prod, q->db);
}
