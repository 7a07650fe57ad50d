/* Error returns of inlined helpers: `err = f(); if (err) return err;` sends each of f's returns only into the branch
 * its value can take, so a helper's `return 0` after its barrier is not followed into the error branch, and its
 * early `return -ENOMEM` (before the barrier) does not reach the code after the test.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/slab.h>

struct fq_desc { __le32 addr; __le32 len; };

struct fq {
	struct fq_desc *ring;
	dma_addr_t ring_dma;
	void *tx;
	void __iomem *regs;
	struct device *dev;
};

static int fq_fill(struct fq *q)
{
	int i;

	q->ring = dma_alloc_coherent(q->dev, 4096, &q->ring_dma, GFP_KERNEL);
	if (!q->ring)
		return -ENOMEM;
	for (i = 0; i < 16; i++)
		q->ring[i].addr = cpu_to_le32(q->ring_dma + i * 64);
	return 0;
}

static int fq_alloc_tx(struct fq *q)
{
	q->tx = kzalloc(4096, GFP_KERNEL);
	if (!q->tx)
		return -ENOMEM;
	/* flush the ring stores before the engine is enabled */
	wmb();
	return 0;
}

static int fq_init(struct fq *q)
{
	int err;

	err = fq_fill(q);
	if (err)
		return err;
	err = fq_alloc_tx(q);
	if (err)
		return err;
	return 0;
}

/* Clean (after mtk_eth_soc.c's mtk_start_dma): every path that reaches the enable went through fq_alloc_tx's wmb(). */
static int fq_start(struct fq *q)
{
	int err;

	err = fq_init(q);
	if (err)
		return err;
	__raw_writel(1, q->regs + 0x10);
	return 0;
}

/* Bug: the result is not tested, so fq_alloc_tx's failure (ring filled, no wmb()) still reaches the enable (x86_64:
 * kzalloc(), an opaque call, stands between the ring stores and the write on that path). */
static void fq_start_unchecked(struct fq *q)
{
	fq_init(q);
	__raw_writel(1, q->regs + 0x10); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}

/* Bug: the test is on another variable, which says nothing of fq_init's result. */
static int fq_start_other(struct fq *q, int other)
{
	int err;

	err = fq_init(q);
	if (other)
		return other;
	__raw_writel(1, q->regs + 0x10); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
	return err;
}

static int fq_boot(struct fq *q, long timeout)
{
	q->ring[0].len = 0;
	if (timeout <= 0)
		return timeout ? -EINTR : -ETIMEDOUT;
	wmb();
	return 0;
}

/* Clean (after p54pci.c's p54p_firmware_step2): both of fq_boot's failures are negative, so the write after the test
 * runs only after its wmb(). */
static int fq_boot_start(struct fq *q, long timeout)
{
	int err;

	err = fq_boot(q, timeout);
	if (err)
		goto out;
	__raw_writel(1, q->regs + 0x14);
out:
	return err;
}

/* Bug: a failure that may return 0 (the arms disagree) can reach the write without the wmb(). */
static int fq_boot_maybe(struct fq *q, long timeout)
{
	q->ring[0].len = 0;
	if (timeout <= 0)
		return timeout ? -EINTR : 0;
	wmb();
	return 0;
}

static int fq_boot_maybe_start(struct fq *q, long timeout)
{
	int err;

	err = fq_boot_maybe(q, timeout);
	if (err)
		goto out;
	__raw_writel(1, q->regs + 0x14); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
out:
	return err;
}
