/* missing-dma-rmb: a descriptor word the driver stores only DMA addresses and constants into is CPU-written, also
 * when a constant is a numeric #define (an RX channel's fixed work-queue number in the word a TX descriptor carries
 * its buffer's mapped address in); a word also given a name that is no numeric #define (a macro reading a global,
 * a global variable) is not known to be the CPU's.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>
#include <linux/skbuff.h>

#define DESC_VLD	BIT(0)
#define DESC_EOP	BIT(8)
#define WQ_RX_LOW	0xB
#define WQ_RX_HIGH	0x4
#define WQ_DEFAULT	(wq_default + 1)

static u32 wq_default;

struct dx_desc {
	u32 ctrl;
	u32 fr_len;
	u32 src_lo;
	u32 dst_lo;
	u32 aux_lo;
};

struct dx_ctl { struct dx_desc *desc; struct sk_buff *skb; struct dx_ctl *next; };

struct dx_ch { struct dx_desc *ring; dma_addr_t ring_dma; struct dx_ctl *tail; bool rx; bool high; };

static int dx_ring_alloc(struct device *dev, struct dx_ch *ch)
{
	ch->ring = dma_alloc_coherent(dev, 4096, &ch->ring_dma, GFP_KERNEL);
	return ch->ring ? 0 : -ENOMEM;
}

/* Init: RX channels get a fixed work-queue number in src_lo; aux_lo gets one that reads a global. */
static void dx_ring_init(struct dx_ch *ch, struct dx_ctl *ctls, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		ctls[i].desc = &ch->ring[i];
		if (ch->rx) {
			ch->ring[i].src_lo = WQ_RX_LOW;
			ch->ring[i].aux_lo = WQ_DEFAULT;
		}
	}
}

static void dx_rx_high(struct dx_ch *ch)
{
	ch->ring[0].src_lo = WQ_RX_HIGH;
	ch->ring[0].dst_lo = wq_default;
}

/* The xmit path: the CPU stores the mapped buffer address into src_lo, dst_lo and aux_lo before the hand-over. */
static int dx_xmit(struct device *dev, struct dx_ch *ch, struct dx_ctl *ctl, struct sk_buff *skb)
{
	struct dx_desc *d = ctl->desc;

	d->src_lo = dma_map_single(dev, skb->data, skb->len, DMA_TO_DEVICE);
	d->dst_lo = dma_map_single(dev, skb->data, skb->len, DMA_TO_DEVICE);
	d->aux_lo = dma_map_single(dev, skb->data, skb->len, DMA_TO_DEVICE);
	d->fr_len = skb->len;
	ctl->skb = skb;
	dma_wmb();
	d->ctrl = DESC_VLD | DESC_EOP;
	return 0;
}

/* Clean: src_lo holds only the address the CPU mapped, or (RX channels) a numeric #define. */
static void dx_reap(struct device *dev, struct dx_ch *ch)
{
	struct dx_ctl *ctl = ch->tail;

	if (READ_ONCE(ctl->desc->ctrl) & DESC_VLD)
		return;
	if (ctl->skb && (READ_ONCE(ctl->desc->ctrl) & DESC_EOP))
		dma_unmap_single(dev, ctl->desc->src_lo, ctl->skb->len, DMA_TO_DEVICE);
}

/* Bug: aux_lo is also given a macro that reads a global, so nothing says the device leaves it alone. */
static u32 dx_aux(struct dx_ch *ch)
{
	struct dx_ctl *ctl = ch->tail;

	if (READ_ONCE(ctl->desc->ctrl) & DESC_VLD)
		return 0;
	return ctl->desc->aux_lo; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: dst_lo is also given a global variable. */
static u32 dx_dst(struct dx_ch *ch)
{
	struct dx_ctl *ctl = ch->tail;

	if (READ_ONCE(ctl->desc->ctrl) & DESC_VLD)
		return 0;
	return ctl->desc->dst_lo; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
