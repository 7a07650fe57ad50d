/* missing-dma-rmb: a long-lived command block whose DMA address the driver writes to the controller before it sleeps
 * until the completion interrupt; a helper that reads the block's status and then its other words, called only after
 * that wait, reads the command's result (the cadence-nand cdma_finish() shape). Look-alikes still reported: the same
 * helper shape with a caller that polls instead of waiting, and a second block read after a wait for a command that
 * was not given its address.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>
#include <linux/completion.h>

#define CB_DONE		BIT(0)
#define CB_FAIL		BIT(1)
#define CB_CHAIN	BIT(9)

struct cmd_block { u16 ctype; u16 cflags; u64 mem; u32 status; u32 rsvd; };
struct nfc {
	struct cmd_block *cb;
	dma_addr_t cb_dma;
	struct cmd_block *aux;
	dma_addr_t aux_dma;
	struct completion done;
	void __iomem *regs;
};

static int nfc_setup(struct device *dev, struct nfc *c)
{
	c->cb = dma_alloc_coherent(dev, sizeof(*c->cb), &c->cb_dma, GFP_KERNEL);
	if (!c->cb)
		return -ENOMEM;
	c->aux = dma_alloc_coherent(dev, sizeof(*c->aux), &c->aux_dma, GFP_KERNEL);
	return c->aux ? 0 : -ENOMEM;
}

/* Points the controller at the block and starts it; fails when the controller is busy. */
static int nfc_send(struct nfc *c)
{
	if (readl(c->regs + 0x10) & 1)
		return -EBUSY;
	writel_relaxed(lower_32_bits(c->cb_dma), c->regs + 0x08);
	writel_relaxed(1, c->regs);
	return 0;
}

static int nfc_send_and_wait(struct nfc *c)
{
	int err = nfc_send(c);

	if (err)
		return err;
	if (!wait_for_completion_timeout(&c->done, HZ))
		return -ETIMEDOUT;
	return 0;
}

/* Clean: every caller waited for the command's completion after giving the controller the block. */
static int nfc_finish(struct nfc *c)
{
	struct cmd_block *cb = c->cb;

	if (cb->status & CB_FAIL)
		return -EIO;
	if (cb->status & CB_DONE) {
		if (cb->cflags & CB_CHAIN)
			return -EINVAL;
		return 0;
	}
	return -EBUSY;
}

static int nfc_erase(struct nfc *c, u64 addr)
{
	int err;

	memset(c->cb, 0, sizeof(*c->cb));
	c->cb->mem = addr;
	c->cb->cflags |= 1;
	err = nfc_send_and_wait(c);
	writel_relaxed(0, c->regs + 0x20);
	if (err)
		return err;
	return nfc_finish(c);
}

/* Bug: the same reads, but the only caller polls the block instead of sleeping on the completion. */
static int nfc_peek(struct nfc *c)
{
	struct cmd_block *cb = c->cb;

	if (!(cb->status & CB_DONE))
		return -EBUSY;
	return cb->cflags & CB_CHAIN; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

static int nfc_erase_polled(struct nfc *c, u64 addr)
{
	int err;

	c->cb->mem = addr;
	err = nfc_send(c);
	if (err)
		return err;
	return nfc_peek(c);
}

/* Bug: the wait is for the command given `cb`; the controller was never told `aux`, so it is no result of it. */
static int nfc_aux_state(struct nfc *c)
{
	int err = nfc_send_and_wait(c);

	if (err)
		return err;
	if (!(c->aux->status & CB_DONE))
		return -EBUSY;
	return c->aux->cflags & CB_CHAIN; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

int nfc_probe(struct device *dev, struct nfc *c)
{
	int err = nfc_setup(dev, c);

	if (err)
		return err;
	err = nfc_erase(c, 0);
	if (err)
		return err;
	err = nfc_erase_polled(c, 0);
	if (err)
		return err;
	return nfc_aux_state(c);
}
