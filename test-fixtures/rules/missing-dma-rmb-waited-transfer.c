/* missing-dma-rmb: a long-lived coherent transfer buffer (the USB storage `us->iobuf` shape) that the function hands
 * to a helper which starts the transfer and, one call further down, sleeps until it completes: the status word read
 * afterwards is a result, not a hand-over. Look-alikes still reported: the same buffer handed to a helper that only
 * starts the transfer and then polled, a wait on one path only, and another ring read after a waited transfer.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>
#include <linux/completion.h>

#define XS_BUSY		BIT(7)
#define XS_ERR		BIT(0)

struct xfer_status { u8 status; u8 reason; __le16 count; };
struct xfer_dev {
	void *iobuf;
	dma_addr_t iobuf_dma;
	struct xfer_status *ring;
	dma_addr_t ring_dma;
	struct completion done;
	void __iomem *regs;
	void *pending;
};

static int xfer_dev_setup(struct device *dev, struct xfer_dev *xd)
{
	xd->iobuf = dma_alloc_coherent(dev, 64, &xd->iobuf_dma, GFP_KERNEL);
	if (!xd->iobuf)
		return -ENOMEM;
	xd->ring = dma_alloc_coherent(dev, 4096, &xd->ring_dma, GFP_KERNEL);
	return xd->ring ? 0 : -ENOMEM;
}

/* Starts the transfer and sleeps until the completion handler runs. */
static int xfer_msg_common(struct xfer_dev *xd, unsigned int len)
{
	writel(len, xd->regs + 0x8);
	if (!wait_for_completion_timeout(&xd->done, HZ))
		return -ETIMEDOUT;
	return 0;
}

/* Points the device at the buffer, then transfers and waits (the wait is one call down). */
static int xfer_buf(struct xfer_dev *xd, void *buf, unsigned int len)
{
	if (buf == xd->iobuf)
		writel(lower_32_bits(xd->iobuf_dma), xd->regs);
	return xfer_msg_common(xd, len);
}

/* Points the device at the buffer and starts the transfer; nothing waits for it. */
static void xfer_buf_start(struct xfer_dev *xd, void *buf, unsigned int len)
{
	if (buf == xd->iobuf)
		writel(lower_32_bits(xd->iobuf_dma), xd->regs);
	writel(len, xd->regs + 0x8);
}

/* Clean: the status packet is read after the transfer that filled it completed. */
static int xfer_status_ok(struct xfer_dev *xd)
{
	struct xfer_status *st = xd->iobuf;

	if (xfer_buf(xd, st, sizeof(*st)))
		return -EIO;
	if (st->status & XS_ERR)
		return -EIO;
	return le16_to_cpu(st->count);
}

/* Hands the buffer to the interrupt side and sleeps until the transfer completed (no I/O of its own). */
static int xfer_sync(struct xfer_dev *xd, void *buf)
{
	xd->pending = buf;
	return wait_for_completion_interruptible(&xd->done);
}

/* Clean: the same through a helper left as a call. */
static int xfer_reason_ok(struct xfer_dev *xd)
{
	struct xfer_status *st = xd->iobuf;

	if (xfer_sync(xd, st))
		return -EINTR;
	if ((st->status & XS_ERR) == 0)
		return 0;
	return st->reason;
}

/* Bug: the same buffer only started, then polled: its status word is the hand-over. */
static int xfer_status_poll(struct xfer_dev *xd)
{
	struct xfer_status *st = xd->iobuf;

	xfer_buf_start(xd, st, sizeof(*st));
	while (st->status & XS_BUSY)
		cpu_relax();
	return le16_to_cpu(st->count); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: waited for on one path only. */
static int xfer_status_maybe(struct xfer_dev *xd, bool wait)
{
	struct xfer_status *st = xd->iobuf;

	if (wait)
		xfer_buf(xd, st, sizeof(*st));
	else
		xfer_buf_start(xd, st, sizeof(*st));
	if (st->status & XS_BUSY)
		return -EBUSY;
	return le16_to_cpu(st->count); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the transfer waited for filled the buffer, not the ring, whose entry the device hands over on its own. */
static int ring_after_xfer(struct xfer_dev *xd)
{
	struct xfer_status *st = xd->iobuf;
	struct xfer_status *r = xd->ring;

	if (xfer_buf(xd, st, sizeof(*st)))
		return -EIO;
	if (r->status & XS_BUSY)
		return 0;
	return le16_to_cpu(r->count); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
