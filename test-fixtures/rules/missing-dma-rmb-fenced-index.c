/* missing-dma-rmb: a return ring walked up to a producer index the device writes into coherent memory after the
 * entries, read before a read barrier: every word of an entry below the index is already the CPU's, so a flags word
 * read first is no hand-over (the acenic ace_rx_int() shape: the caller loads the index and passes it, the barrier runs
 * on the loop's first pass). Look-alikes still reported: the walk bounded by the driver's own producer count, and the
 * first-pass barrier whose index does not start at the tested value.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define RD_JUMBO	BIT(1)

struct ret_desc { u16 idx; u16 flags; u16 size; u16 csum; };
struct rx_ret {
	struct ret_desc *ring;
	dma_addr_t ring_dma;
	u32 *prod;
	dma_addr_t prod_dma;
	u32 cons;
	u32 queued;
	u32 bytes;
};

static int rx_ret_alloc(struct device *dev, struct rx_ret *r)
{
	r->ring = dma_alloc_coherent(dev, 256 * sizeof(*r->ring), &r->ring_dma, GFP_KERNEL);
	r->prod = dma_alloc_coherent(dev, sizeof(*r->prod), &r->prod_dma, GFP_KERNEL);
	return r->ring && r->prod ? 0 : -ENOMEM;
}

/* Clean: `prod` is the device's index, loaded by the only caller; rmb() runs on the first pass (idx == cons). */
static void rx_ret_walk(struct rx_ret *r, u32 prod, u32 cons)
{
	u32 idx = cons;

	while (idx != prod) {
		struct ret_desc *d;

		if (idx == cons)
			rmb();
		d = &r->ring[idx];
		if (d->flags & RD_JUMBO)
			r->bytes += d->size;
		idx = (idx + 1) % 256;
	}
	r->cons = idx;
}

/* Clean: the index is loaded and fenced in the function itself. */
static void rx_ret_walk_here(struct rx_ret *r)
{
	u32 prod = *r->prod;
	u32 idx = r->cons;

	dma_rmb();
	while (idx != prod) {
		struct ret_desc *d = &r->ring[idx];

		if (d->flags & RD_JUMBO)
			r->bytes += d->size;
		idx = (idx + 1) % 256;
	}
	r->cons = idx;
}

/* Bug: `queued` is the driver's own count, so each entry's flags are still the hand-over. */
static void rx_ret_walk_queued(struct rx_ret *r, u32 queued, u32 cons)
{
	u32 idx = cons;

	while (idx != queued) {
		struct ret_desc *d;

		if (idx == cons)
			rmb();
		d = &r->ring[idx];
		if (d->flags & RD_JUMBO)
			r->bytes += d->size; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		idx = (idx + 1) % 256;
	}
	r->cons = idx;
}

/* Bug: the walk does not start at `cons`, so the first pass need not run the barrier. */
static void rx_ret_walk_skewed(struct rx_ret *r, u32 prod, u32 cons)
{
	u32 idx = (cons + 1) % 256;

	while (idx != prod) {
		struct ret_desc *d;

		if (idx == cons)
			rmb();
		d = &r->ring[idx];
		if (d->flags & RD_JUMBO)
			r->bytes += d->size; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		idx = (idx + 1) % 256;
	}
	r->cons = idx;
}

void rx_ret_poll(struct rx_ret *r)
{
	u32 prod = *r->prod;
	u32 cons = r->cons;

	if (prod != cons)
		rx_ret_walk(r, prod, cons);
	rx_ret_walk_skewed(r, prod, cons);
	rx_ret_walk_queued(r, r->queued, cons);
	rx_ret_walk_here(r);
}

int rx_ret_probe(struct device *dev, struct rx_ret *r)
{
	int err = rx_ret_alloc(dev, r);

	if (!err)
		rx_ret_poll(r);
	return err;
}
