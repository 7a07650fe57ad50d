/* missing-dma-wmb-before-ownership: descriptor fields, then the ownership/valid word, with no dma_wmb() between.
 * fixture-rules: missing-dma-wmb-before-ownership */
#include <linux/dma-mapping.h>

#define RX_OWN		BIT(31)
#define DESC_VALID	BIT(0)

struct soc_desc { __le32 addr; __le32 len; __le32 ctrl; __le32 own; };
struct soc_ring { struct soc_desc *desc; dma_addr_t dma; unsigned int head; };

static int soc_ring_alloc(struct device *dev, struct soc_ring *r)
{
	r->desc = dmam_alloc_coherent(dev, 64 * sizeof(*r->desc), &r->dma, GFP_KERNEL);
	return r->desc ? 0 : -ENOMEM;
}

/* Bug: the ownership field (by name) is written right after the other fields. */
static void soc_refill(struct soc_ring *r, dma_addr_t buf)
{
	struct soc_desc *d = &r->desc[r->head];

	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->len = cpu_to_le32(2048);
	d->own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: an ownership bit (by value) handed over in the control word. */
static void soc_refill_ctrl(struct soc_ring *r, dma_addr_t buf)
{
	struct soc_desc *d = r->desc + r->head;

	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->ctrl = cpu_to_le32(RX_OWN | 2048); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: dma_wmb() between the fields and the hand-over. */
static void soc_refill_ok(struct soc_ring *r, dma_addr_t buf)
{
	struct soc_desc *d = &r->desc[r->head];

	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->len = cpu_to_le32(2048);
	dma_wmb();
	d->own = cpu_to_le32(1);
}

/* smp_wmb() is dmb ishst on arm64: the device is outside the inner-shareable domain. */
static void soc_refill_smp(struct soc_ring *r, dma_addr_t buf)
{
	struct soc_desc *d = &r->desc[r->head];

	d->addr = cpu_to_le32(lower_32_bits(buf));
	smp_wmb();
	d->ctrl = cpu_to_le32(DESC_VALID); // expect: missing-dma-wmb-before-ownership (arm64)
}

/* Clean: a different descriptor's ownership word (the previous one) is not this descriptor's hand-over. */
static void soc_fill_two(struct soc_ring *r, dma_addr_t buf)
{
	r->desc[1].addr = cpu_to_le32(lower_32_bits(buf));
	r->desc[0].own = cpu_to_le32(1);
}

/* Clean: the control word carries no ownership bit and the fields are CPU bookkeeping. */
static void soc_clear(struct soc_ring *r)
{
	struct soc_desc *d = &r->desc[r->head];

	d->addr = 0;
	d->ctrl = cpu_to_le32(2048);
}

#define MFI_CMD_INVALID	0xff
#define AUTO_START	BIT(4)

/* Clean: an INVALID command marker is not an ownership bit (megaraid shape). */
static void soc_invalidate(struct soc_ring *r)
{
	struct soc_desc *d = &r->desc[r->head];

	d->addr = 0;
	d->ctrl = cpu_to_le32(MFI_CMD_INVALID);
}

/* Clean: clearing the ownership bit takes the descriptor back (mwl8k shape). */
static void soc_take_back(struct soc_ring *r)
{
	struct soc_desc *d = &r->desc[r->head];

	d->len = 0;
	d->ctrl &= cpu_to_le32(~RX_OWN);
}

/* Clean: one word written twice is not fields-then-hand-over (vsp1 shape). */
static void soc_same_word(struct soc_ring *r)
{
	struct soc_desc *d = &r->desc[r->head];

	d->ctrl = cpu_to_le32(2048);
	d->ctrl |= cpu_to_le32(RX_OWN);
}

/* Two rings served by one helper (the vt6655 RXDMA0/RXDMA1 shape). The helper stores the length after the hand-over
 * (a different bug, not this rule's); a second call works on another ring's descriptor. */
static void soc_rearm(struct soc_ring *r)
{
	struct soc_desc *d = &r->desc[r->head];

	d->own = cpu_to_le32(1);
	d->len = cpu_to_le32(2048);
}

/* Clean: ring 1's hand-over does not follow ring 0's length store: the two calls name two descriptors `d`. */
static void soc_two_rings_ok(struct soc_ring *r0, struct soc_ring *r1)
{
	soc_rearm(r0);
	soc_rearm(r1);
}

/* Clean: the field store closes one iteration, the hand-over opens the next, on the next descriptor of the list. */
struct soc_list { struct soc_desc *cur; struct soc_desc *ring; dma_addr_t dma; };

static int soc_list_alloc(struct device *dev, struct soc_list *l)
{
	l->ring = dmam_alloc_coherent(dev, 4096, &l->dma, GFP_KERNEL);
	l->cur = l->ring;
	return l->ring ? 0 : -ENOMEM;
}

static void soc_list_refill_ok(struct soc_list *l, int n)
{
	while (n--) {
		l->cur->own = cpu_to_le32(1);
		l->cur = l->cur + 1;
		l->cur->len = cpu_to_le32(2048);
	}
}

/* Bug: within one iteration, the length after the hand-over of the same descriptor. */
static void soc_list_refill(struct soc_list *l, int n)
{
	while (n--) {
		l->cur->len = cpu_to_le32(2048);
		l->cur->own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
		l->cur = l->cur + 1;
	}
}

/* A ring the device fetches up to a producer index (the sky2 list-element shape): the ownership bit in the control
 * word is not what hands the descriptor over; the index, advanced afterwards and written with an ordered writel(), is. */
struct soc_pring { struct soc_desc *desc; dma_addr_t dma; unsigned int prod; void __iomem *regs; };

static int soc_pring_alloc(struct device *dev, struct soc_pring *r)
{
	r->desc = dmam_alloc_coherent(dev, 64 * sizeof(*r->desc), &r->dma, GFP_KERNEL);
	return r->desc ? 0 : -ENOMEM;
}

static inline void soc_put_idx(void __iomem *regs, unsigned int idx)
{
	writel(idx, regs + 0x40);
}

/* Clean: the producer index covers the descriptor, and writel() orders the descriptor's stores before it. */
static void soc_pring_post_ok(struct soc_pring *r, dma_addr_t buf)
{
	unsigned int slot = r->prod;
	struct soc_desc *d = &r->desc[slot];

	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->ctrl = cpu_to_le32(RX_OWN | 2048);
	r->prod = (slot + 1) & 63;
	soc_put_idx(r->regs, r->prod);
}

/* Bug: a poll-demand kick (a constant) after the hand-over does not stop a device polling the ring it is running. */
static void soc_pring_kick(struct soc_pring *r, dma_addr_t buf)
{
	unsigned int slot = r->prod;
	struct soc_desc *d = &r->desc[slot];

	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->ctrl = cpu_to_le32(RX_OWN | 2048); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
	r->prod = (slot + 1) & 63;
	writel(0, r->regs + 0x44);
}

/* Bug: the index register is written, but with a value this function did not advance past the descriptor. */
static void soc_pring_stale_index(struct soc_pring *r, dma_addr_t buf)
{
	struct soc_desc *d = &r->desc[r->prod];

	soc_put_idx(r->regs, r->prod);
	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->ctrl = cpu_to_le32(RX_OWN | 2048); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
}

/* A descriptor allocated in this very call (the mv_u3d TRB shape): the device cannot address it yet. */
struct soc_td { __le32 addr; __le32 len; __le32 own; };

/* Clean: nothing has told the device where the new descriptor is; the caller links it in later. */
static struct soc_td *soc_td_build_ok(struct dma_pool *pool, dma_addr_t *dma, dma_addr_t buf)
{
	struct soc_td *td;

	td = dma_pool_alloc(pool, GFP_ATOMIC, dma);
	if (!td)
		return NULL;
	td->addr = cpu_to_le32(lower_32_bits(buf));
	td->len = cpu_to_le32(512);
	td->own = cpu_to_le32(1);
	return td;
}

/* Bug: the new descriptor's address went to the device (a register write) before it was filled. */
static struct soc_td *soc_td_build_linked(struct dma_pool *pool, void __iomem *regs, dma_addr_t buf)
{
	struct soc_td *td;
	dma_addr_t dma;

	td = dma_pool_alloc(pool, GFP_ATOMIC, &dma);
	if (!td)
		return NULL;
	writel(lower_32_bits(dma), regs + 0x48);
	td->addr = cpu_to_le32(lower_32_bits(buf));
	td->own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
	return td;
}

/* The producer index published by another function of the driver (the sky2 RX list-element shape). */
struct soc_lring { struct soc_desc *desc; dma_addr_t dma; unsigned int put; unsigned int kick; void __iomem *regs; };

static int soc_lring_alloc(struct device *dev, struct soc_lring *r)
{
	r->desc = dmam_alloc_coherent(dev, 64 * sizeof(*r->desc), &r->dma, GFP_KERNEL);
	return r->desc ? 0 : -ENOMEM;
}

static inline struct soc_desc *soc_lring_next(struct soc_lring *r)
{
	struct soc_desc *d = r->desc + r->put;

	r->put = (r->put + 1) & 63;
	return d;
}

/* Clean: the device fetches up to r->put, which soc_lring_update() writes after a wmb(). */
static void soc_lring_add_ok(struct soc_lring *r, dma_addr_t buf)
{
	struct soc_desc *d = soc_lring_next(r);

	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->ctrl = cpu_to_le32(RX_OWN | 2048);
}

static void soc_lring_update(struct soc_lring *r)
{
	wmb();
	soc_put_idx(r->regs, r->put);
}

/* Bug: a counter the driver steps and writes relaxed is no ordered index publication. */
static void soc_lring_add_kick(struct soc_lring *r, dma_addr_t buf)
{
	struct soc_desc *d = r->desc + r->kick;

	r->kick++;
	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->ctrl = cpu_to_le32(RX_OWN | 2048); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
}

static void soc_lring_kick(struct soc_lring *r)
{
	writel_relaxed(r->kick, r->regs + 0x4c);
}

/* A task context whose first word packs the index, the abort bit and the valid bit as bitfields (the isci TC shape). */
struct soc_tc {
	u32 index:12;
	u32 reserved:18;
	u32 abort:1;
	u32 valid:1;
	u32 addr;
	u32 len;
};
struct soc_tc_table { struct soc_tc *tc; dma_addr_t dma; };

static int soc_tc_alloc(struct device *dev, struct soc_tc_table *t)
{
	t->tc = dmam_alloc_coherent(dev, 64 * sizeof(*t->tc), &t->dma, GFP_KERNEL);
	return t->tc ? 0 : -ENOMEM;
}

/* Clean: index, abort and valid are one 32-bit storage unit: one word, written in place, cannot be seen out of order. */
static void soc_tc_word0_ok(struct soc_tc_table *t, u16 tag)
{
	struct soc_tc *tc = &t->tc[tag];

	tc->index = tag;
	tc->abort = 0;
	tc->valid = 1;
}

/* Bug: addr is a word of its own, stored before the valid bit. */
static void soc_tc_addr(struct soc_tc_table *t, u16 tag, u32 buf)
{
	struct soc_tc *tc = &t->tc[tag];

	tc->addr = buf;
	tc->index = tag;
	tc->valid = 1; // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: the context is cleared whole, then its first word's bitfields are set: the memset is no field the device
 * could read stale (it clears the valid bit too, so it is done only while the device is not reading the context). */
static void soc_tc_clear_ok(struct soc_tc_table *t, u16 tag)
{
	struct soc_tc *tc = &t->tc[tag];

	memset(tc, 0, sizeof(*tc));
	tc->index = tag;
	tc->valid = 1;
}

/* Bug: cleared whole, but a field of another word is then set before the valid bit. */
static void soc_tc_clear_addr(struct soc_tc_table *t, u16 tag, u32 buf)
{
	struct soc_tc *tc = &t->tc[tag];

	memset(tc, 0, sizeof(*tc));
	tc->addr = buf;
	tc->valid = 1; // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
}

/* A ready state the driver defines as 0 in a two-bit state field (the dwc2 isochronous DDMA shape): the state goes
 * from BUSY to READY by clearing the field, so a zero constant still hands the descriptor over. */
#define SOC_STS_SHIFT	30
#define SOC_STS_MASK	(0x3 << 30)
#define SOC_STS_HREADY	0
#define SOC_STS_HBUSY	3

/* Bug: the buffer, then the READY state (0) with no barrier. */
static void soc_isoc_fill(struct soc_ring *r, dma_addr_t buf)
{
	struct soc_desc *d = &r->desc[r->head];

	d->ctrl = SOC_STS_HBUSY << SOC_STS_SHIFT;
	d->addr = lower_32_bits(buf);
	d->ctrl &= ~SOC_STS_MASK;
	d->ctrl |= SOC_STS_HREADY << SOC_STS_SHIFT; // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
}

/* A free queue published by a write pointer kept in a local (the hix5hd2 RX refill shape). */
#define SOC_VLD_FREE	0

struct soc_fq { struct soc_desc *desc; dma_addr_t dma; void __iomem *base; };

static int soc_fq_alloc(struct device *dev, struct soc_fq *q)
{
	q->desc = dmam_alloc_coherent(dev, 64 * sizeof(*q->desc), &q->dma, GFP_KERNEL);
	return q->desc ? 0 : -ENOMEM;
}

/* Clean: the device takes entries only up to the write pointer `pos`, written after wmb(). */
static void soc_fq_refill_ok(struct soc_fq *q, dma_addr_t buf, u32 len, unsigned int num)
{
	struct soc_desc *d;
	unsigned int start = readl_relaxed(q->base + 0x10);
	unsigned int pos, i;

	for (i = 0, pos = start; i < num; i++) {
		d = q->desc + pos;
		d->addr = cpu_to_le32(lower_32_bits(buf));
		d->ctrl = cpu_to_le32(SOC_VLD_FREE | (len - 1));
		pos = (pos + 1) & 63;
	}
	wmb();
	writel_relaxed(pos << 5, q->base + 0x10);
}

/* Bug: the same loop ending in a constant poll-demand kick: a device polling the queue reads the ownership word. */
static void soc_fq_refill_kick(struct soc_fq *q, dma_addr_t buf, u32 len, unsigned int num)
{
	struct soc_desc *d;
	unsigned int pos, i;

	for (i = 0, pos = 0; i < num; i++) {
		d = q->desc + pos;
		d->addr = cpu_to_le32(lower_32_bits(buf));
		d->ctrl = cpu_to_le32(SOC_VLD_FREE | (len - 1)); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
		pos = (pos + 1) & 63;
	}
	wmb();
	writel_relaxed(1, q->base + 0x14);
}

/* A connection context built field by field, with a VALID flag in the middle (the cnic context shape). */
struct soc_ctx { __le32 base_lo; __le32 base_hi; __le32 flags; __le32 cq_lo; __le32 cq_hi; __le32 sn; };
struct soc_ctx_table { struct soc_ctx *ctx; dma_addr_t dma; };

static int soc_ctx_alloc(struct device *dev, struct soc_ctx_table *t)
{
	t->ctx = dmam_alloc_coherent(dev, 16 * sizeof(*t->ctx), &t->dma, GFP_KERNEL);
	return t->ctx ? 0 : -ENOMEM;
}

#define SOC_CTX_VALID_FLG	BIT(2)

/* Clean: more context fields follow the flag: it is not the word the context is handed over with. */
static void soc_ctx_setup_ok(struct soc_ctx_table *t, int cid, u64 base, u64 cq)
{
	struct soc_ctx *c = &t->ctx[cid];

	c->base_lo = cpu_to_le32(lower_32_bits(base));
	c->base_hi = cpu_to_le32(upper_32_bits(base));
	c->flags |= cpu_to_le32(SOC_CTX_VALID_FLG);
	c->cq_lo = cpu_to_le32(lower_32_bits(cq));
	c->cq_hi = cpu_to_le32(upper_32_bits(cq));
	c->sn = cpu_to_le32(1);
}

/* Bug: one field restored after the hand-over (the adm8211 RX refill shape) does not make the hand-over a mid-series flag. */
static void soc_rx_rearm(struct soc_ring *r, dma_addr_t buf)
{
	struct soc_desc *d = &r->desc[r->head];

	d->addr = cpu_to_le32(lower_32_bits(buf));
	d->ctrl = cpu_to_le32(RX_OWN); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
	d->len = cpu_to_le32(2048);
}

/* Bug: the next turn's field stores (on the next descriptor) do not count as stores after this one's hand-over. */
static void soc_list_fill(struct soc_list *l, int n, dma_addr_t buf)
{
	while (n--) {
		l->cur->addr = cpu_to_le32(lower_32_bits(buf));
		l->cur->len = cpu_to_le32(2048);
		l->cur->own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
		l->cur = l->cur + 1;
	}
}

/* Bug: the second ring's stores name `d` too, but `d` was pointed at another ring first (the vt6655 two-ring reset
 * shape): they are not fields stored after this descriptor's hand-over. */
static void soc_reset_two(struct soc_ring *r0, struct soc_ring *r1, int n)
{
	struct soc_desc *d;
	int i;

	for (i = 0; i < n; i++) {
		d = &r0->desc[i];
		d->len = cpu_to_le32(2048);
		d->own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
		d->ctrl = cpu_to_le32(2048);
	}
	for (i = 0; i < n; i++) {
		d = &r1->desc[i];
		d->len = cpu_to_le32(2048);
		d->own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
		d->ctrl = cpu_to_le32(2048);
	}
}
