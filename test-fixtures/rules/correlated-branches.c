/* Paths a branch cannot take because an earlier write or test decides it: a local made nonzero by `|= 1 << n` is
 * still nonzero at `if (started)` (solos-pci.c fpga_tx()); a member set to a constant on each branch decides a later
 * `== constant` (mthca_av.c mthca_create_ah()); `if (ep->num > 0)` before a call decides the inlined helper's
 * `if (ep->num == 0)` (emxx_udc.c nbu2ss_ep_queue()). Each clean case has a look-alike where something between may
 * change the value. fixture-rules: all */
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>

struct fpga {
	void __iomem *buffers;
	void __iomem *regs;
	spinlock_t lock;
	u32 pending;
	u8 *data[4];
	u32 len[4];
};

static int fpga_map(struct fpga *f, phys_addr_t bar)
{
	f->buffers = ioremap(bar, 0x10000);
	f->regs = ioremap(bar + 0x10000, 0x100);
	return 0;
}

/* Clean: every path through the copy sets a bit, so `if (started)` takes the tracked write before the unlock. */
static void fpga_tx(struct fpga *f)
{
	u32 started = 0;
	u32 pending;
	unsigned char port;

	spin_lock(&f->lock);
	pending = f->pending;
	for (port = 0; pending; pending >>= 1, port++) {
		if (!(pending & 1))
			continue;
		if (f->len[port]) {
			memcpy_toio(f->buffers + port * 0x1000, f->data[port], f->len[port]);
			started |= 1 << port;
		}
	}
	if (started)
		iowrite32(started, f->regs + 4);
	spin_unlock(&f->lock);
}

/* Bad: the bit is set only when asked, so the copy may reach the unlock with no tracked write after it. */
static void fpga_tx_maybe(struct fpga *f, bool kick)
{
	u32 started = 0;
	unsigned char port;

	spin_lock(&f->lock);
	for (port = 0; port < 4; port++) {
		if (f->len[port]) {
			memcpy_toio(f->buffers + port * 0x1000, f->data[port], f->len[port]);
			if (kick)
				started |= BIT(port);
		}
	}
	if (started)
		iowrite32(started, f->regs + 4);
	spin_unlock(&f->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

void fpga_note(u32 *bits);

/* Bad: the local's address is handed to a call, which may clear it. */
static void fpga_tx_noted(struct fpga *f)
{
	u32 started = 0;

	spin_lock(&f->lock);
	if (f->len[0]) {
		memcpy_toio(f->buffers, f->data[0], f->len[0]);
		started |= 1;
	}
	fpga_note(&started);
	if (started)
		iowrite32(started, f->regs + 4);
	spin_unlock(&f->lock); // expect: mmio-unordered-with-unlock (riscv64)
}

#define AH_PCI_POOL	0
#define AH_KMALLOC	1
#define AH_ON_HCA	2

struct av { __be32 port_pd; __be32 flow; u8 dgid[16]; };

struct av_dev {
	struct dma_pool *pool;
	void __iomem *av_map;
	int memfree;
	int hidden;
};

struct ah { int type; struct av *av; dma_addr_t avdma; u32 key; };

static int av_dev_map(struct av_dev *dev, phys_addr_t bar)
{
	dev->av_map = ioremap(bar, 0x1000);
	return 0;
}

/* Clean: the copy runs only for ON_HCA, whose `av` is the CPU's own buffer; the pool memory is the PCI_POOL path's. */
static int create_ah(struct av_dev *dev, struct ah *ah, u32 port)
{
	struct av *av = NULL;

	ah->type = AH_PCI_POOL;
	if (dev->memfree) {
		ah->av = kmalloc(sizeof *ah->av, GFP_ATOMIC);
		if (!ah->av)
			return -ENOMEM;
		ah->type = AH_KMALLOC;
		av = ah->av;
	} else if (!dev->hidden) {
		av = kmalloc(sizeof *av, GFP_ATOMIC);
		if (!av)
			goto fallback;
		ah->type = AH_ON_HCA;
	}
fallback:
	if (ah->type == AH_PCI_POOL) {
		ah->av = dma_pool_zalloc(dev->pool, GFP_ATOMIC, &ah->avdma);
		if (!ah->av)
			return -ENOMEM;
		av = ah->av;
	}
	av->port_pd = cpu_to_be32(port);
	av->flow = cpu_to_be32(port << 20);
	memcpy(av->dgid, &port, sizeof(port));
	if (ah->type == AH_ON_HCA) {
		memcpy_toio(dev->av_map, av, sizeof(*av));
		kfree(av);
	}
	return 0;
}

void ah_retype(struct ah *ah);

/* Bad: a call given `ah` may change its type between the pool allocation and the test. */
static int create_ah_retyped(struct av_dev *dev, struct ah *ah, u32 port)
{
	struct av *av = NULL;

	ah->type = AH_PCI_POOL;
	if (!dev->hidden) {
		av = kmalloc(sizeof *av, GFP_ATOMIC);
		if (!av)
			return -ENOMEM;
		ah->type = AH_ON_HCA;
	}
	if (ah->type == AH_PCI_POOL) {
		ah->av = dma_pool_zalloc(dev->pool, GFP_ATOMIC, &ah->avdma);
		if (!ah->av)
			return -ENOMEM;
		av = ah->av;
	}
	av->port_pd = cpu_to_be32(port);
	ah_retype(ah);
	if (ah->type == AH_ON_HCA) {
		memcpy_toio(dev->av_map, av, sizeof(*av)); // expect: missing-wmb-before-doorbell (arm64, riscv64)
		kfree(av);
	}
	return 0;
}

struct udc_ep {
	void __iomem *regs;
	void *bounce;
	dma_addr_t bounce_dma;
	u32 num;
	u32 queued;
};

static int udc_ep_init(struct device *dev, struct udc_ep *ep, void __iomem *base)
{
	ep->regs = base;
	ep->bounce = dma_alloc_coherent(dev, PAGE_SIZE, &ep->bounce_dma, GFP_KERNEL);
	return ep->bounce ? 0 : -ENOMEM;
}

static void udc_start(struct udc_ep *ep)
{
	if (ep->num == 0)
		__raw_writel(1, ep->regs + 0x10);
	else
		writel(ep->num, ep->regs + 0x20 + ep->num * 4);
}

/* Clean: only a non-zero endpoint fills the bounce buffer, and its start is the ordered writel(). */
static void udc_queue(struct udc_ep *ep, const void *buf, size_t len)
{
	if (ep->num > 0)
		memcpy(ep->bounce, buf, len);
	ep->queued++;
	udc_start(ep);
}

void udc_renumber(struct udc_ep *ep);

/* Bad: the endpoint is handed to a call between the copy and the start, which may renumber it. */
static void udc_queue_renumbered(struct udc_ep *ep, const void *buf, size_t len)
{
	if (ep->num > 0)
		memcpy(ep->bounce, buf, len);
	udc_renumber(ep);
	udc_start(ep); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}

/* Bad: `>= 0` does not exclude endpoint 0. */
static void udc_queue_any(struct udc_ep *ep, const void *buf, size_t len)
{
	if (ep->num >= 0)
		memcpy(ep->bounce, buf, len);
	udc_start(ep); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}

#define EP_CTRL	0
#define EP_ZERO	0

static void udc_start_named(struct udc_ep *ep)
{
	if (ep->num == EP_ZERO)
		__raw_writel(1, ep->regs + 0x10);
	else
		writel(ep->num, ep->regs + 0x20 + ep->num * 4);
}

/* Bad: EP_CTRL and EP_ZERO are two names for 0, so the unordered start is taken. */
static void udc_queue_ctrl(struct udc_ep *ep, const void *buf, size_t len)
{
	memcpy(ep->bounce, buf, len);
	ep->num = EP_CTRL;
	udc_start_named(ep); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}

/* Clean: a non-zero endpoint number set before the start. */
static void udc_queue_one(struct udc_ep *ep, const void *buf, size_t len)
{
	memcpy(ep->bounce, buf, len);
	ep->num = 1;
	udc_start_named(ep);
}
