/* missing-wmb-before-doorbell: relaxed register writes that only configure a device a later ordered write starts,
 * beside relaxed writes that are the start themselves.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/completion.h>

#define DEC_CFG		0x04
#define DEC_ADDR	0x08
#define DEC_START	0x10

struct dec_dev {
	void __iomem *regs;
	void __iomem *other;
	u32 *table;
	dma_addr_t table_dma;
	struct completion done;
};

static const struct dec_ops { int (*run)(struct dec_dev *d, int mode); } *dec_ops_used;

static int dec_probe(struct device *dev, struct dec_dev *d, struct resource *res, struct resource *res2)
{
	d->regs = devm_ioremap_resource(dev, res);
	d->other = devm_ioremap_resource(dev, res2);
	d->table = dma_alloc_coherent(dev, 4096, &d->table_dma, GFP_KERNEL);
	return d->table ? 0 : -ENOMEM;
}

/* Clean: the relaxed writes configure, writel() of DEC_START starts the decoder and orders the table before it. */
static void dec_run_inline(struct dec_dev *d, int mode)
{
	d->table[0] = mode;
	writel_relaxed(mode, d->regs + DEC_CFG);
	writel_relaxed(d->table_dma, d->regs + DEC_ADDR);
	writel(1, d->regs + DEC_START);
}

/* Clean: a static helper writes the configuration; its only caller starts the decoder with writel() after it returns. */
static void dec_config(struct dec_dev *d, int mode)
{
	d->table[1] = mode;
	writel_relaxed(mode, d->regs + DEC_CFG);
	if (mode > 2)
		d->table[2] = mode;
	writel_relaxed(d->table_dma, d->regs + DEC_ADDR);
}

static void dec_run_after_helper(struct dec_dev *d, int mode)
{
	dec_config(d, mode);
	writel(1, d->regs + DEC_START);
}

/* Bad: the relaxed write of DEC_START is the start; nothing ordered follows. */
static void dec_run_relaxed(struct dec_dev *d, int mode)
{
	d->table[0] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Bad: the ordered write follows on one path only. */
static void dec_run_sometimes(struct dec_dev *d, int mode)
{
	d->table[0] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	if (mode)
		writel(0, d->regs + DEC_CFG);
}

/* Bad: the later ordered write goes to another device; it does not start this one. */
static void dec_run_other_device(struct dec_dev *d, int mode)
{
	d->table[0] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	writel(0, d->other + DEC_CFG);
}

/* Bad: the driver waits for the device before the ordered write: the relaxed write already started it. */
static void dec_run_then_wait(struct dec_dev *d, int mode)
{
	d->table[0] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	wait_for_completion(&d->done);
	writel(0, d->regs + DEC_CFG);
}

/* Bad: a helper also reached through an ops table: not every caller is known, so its relaxed start stays. */
static int dec_start_op(struct dec_dev *d, int mode)
{
	d->table[3] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	return 0;
}

static const struct dec_ops dec_ops_table = { .run = dec_start_op };

static void dec_run_op(struct dec_dev *d, int mode)
{
	dec_start_op(d, mode);
	writel(0, d->regs + DEC_CFG);
}

/* Bad: of the helper's two callers, one returns without an ordered write after the call. */
static void dec_kick(struct dec_dev *d, int mode)
{
	d->table[4] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

static void dec_kick_then_ack(struct dec_dev *d, int mode)
{
	dec_kick(d, mode);
	writel(0, d->regs + DEC_CFG);
}

static void dec_kick_only(struct dec_dev *d, int mode)
{
	dec_kick(d, mode + 1);
}

/* The mapping of `io` is not in this file: the same member as the base still names one device. */
struct enc_dev { void __iomem *io; u32 *cmd; };

static void enc_alloc(struct device *dev, struct enc_dev *e, dma_addr_t *cmd_dma)
{
	e->cmd = dma_alloc_coherent(dev, 64, cmd_dma, GFP_KERNEL);
}

/* Clean: configured relaxed, started by writel() through the same member. */
static void enc_run(struct enc_dev *e, u32 v)
{
	e->cmd[0] = v;
	writel_relaxed(v, e->io + DEC_CFG);
	writel(1, e->io + DEC_START);
}

/* Bad: a bare pointer parameter says nothing about which device the later writel() reaches. */
static void enc_run_bare(struct enc_dev *e, void __iomem *base, u32 v)
{
	e->cmd[0] = v;
	writel_relaxed(v, e->io + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	writel(1, base + DEC_START);
}

/* Bad: a register poll between: the relaxed write started the device, the writel() after the poll acknowledges. */
static void dec_run_then_poll(struct dec_dev *d, int mode)
{
	d->table[5] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	while (!(readl(d->regs + DEC_CFG) & 1))
		cpu_relax();
	writel(0, d->regs + DEC_CFG);
}

/* Clean: the path that skips the start returns an error code: nothing was handed to the device. */
static int dec_run_checked(struct dec_dev *d, int mode)
{
	d->table[6] = mode;
	writel_relaxed(mode, d->regs + DEC_CFG);
	if (mode > 7)
		return -EINVAL;
	writel(1, d->regs + DEC_START);
	return 0;
}

/* Bad: the wait is in a helper three calls down, left opaque: it polls the device, so the relaxed write started it. */
static int dec_poll_ready(struct dec_dev *d)
{
	while (!(readl(d->regs + DEC_CFG) & 1))
		cpu_relax();
	return 0;
}

static int dec_wait_ready(struct dec_dev *d)
{
	return dec_poll_ready(d);
}

static int dec_settle(struct dec_dev *d)
{
	return dec_wait_ready(d);
}

static void dec_run_helper_poll(struct dec_dev *d, int mode)
{
	d->table[7] = mode;
	writel_relaxed(1, d->regs + DEC_START); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	dec_settle(d);
	writel(0, d->regs + DEC_CFG);
}

struct dec_item {
	struct list_head node;
	int skip;
	int done;
};

/* Clean: a `continue` in an iterator macro's block leaves the block; every path still reaches the writel() start. */
static void dec_run_list(struct dec_dev *d, struct list_head *head)
{
	struct dec_item *it;

	d->table[0] = 1;
	writel_relaxed(1, d->regs + DEC_CFG);
	list_for_each_entry(it, head, node) {
		if (it->skip) {
			it->done = 0;
			continue;
		}
		it->done = 1;
	}
	writel(1, d->regs + DEC_START);
}

/* Bad: a path leaves the function from the iterator's block before the start. */
static void dec_run_list_early(struct dec_dev *d, struct list_head *head)
{
	struct dec_item *it;

	d->table[0] = 1;
	writel_relaxed(1, d->regs + DEC_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	list_for_each_entry(it, head, node) {
		if (it->skip)
			return;
		it->done = 1;
	}
	writel(1, d->regs + DEC_START);
}

/* Clean (after mtk_init_fq_dma() and mtk_dma_init()): the helper fills a table it allocates, returning -ENOMEM when the
 * allocation fails, then writes the table's registers with relaxed writes; its only caller returns that error at once
 * and otherwise starts the device with wmb() and a relaxed write. The error path never passed the relaxed writes. */
static int dec_fill_table(struct device *dev, struct dec_dev *d, int mode)
{
	u32 *t = dma_alloc_coherent(dev, 4096, &d->table_dma, GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	t[0] = mode;
	writel_relaxed(d->table_dma, d->regs + DEC_ADDR);
	writel_relaxed(mode, d->regs + DEC_CFG);
	return 0;
}

static int dec_init_tables(struct device *dev, struct dec_dev *d, int mode)
{
	int err;

	err = dec_fill_table(dev, d, mode);
	if (err)
		return err;
	wmb();
	writel_relaxed(1, d->regs + DEC_START);
	return 0;
}

/* Bad: the same helper shape, but the error return comes after the relaxed writes, and the caller returns it without
 * starting the device: the relaxed write may be what the device acts on. */
static int dec_fill_checked(struct dec_dev *d, int mode)
{
	d->table[0] = mode;
	writel_relaxed(mode, d->regs + DEC_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	if (readl(d->regs + DEC_CFG) != mode)
		return 1;
	return 0;
}

static int dec_init_checked(struct dec_dev *d, int mode)
{
	int err;

	err = dec_fill_checked(d, mode);
	if (err)
		return err;
	wmb();
	writel_relaxed(1, d->regs + DEC_START);
	return 0;
}
