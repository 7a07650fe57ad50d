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
