/* missing-wmb-before-doorbell: `&v` of a local points at the stack slot, not where `v` points. A store through it
 * writes the local itself (atp870u.c's `((unsigned char *)&adrcnt)[0] = ...`), which no device reads.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct card {
	u32 *ring;
	dma_addr_t ring_dma;
	unsigned long port;
};

static int card_setup(struct device *dev, struct card *c)
{
	c->ring = dma_alloc_coherent(dev, 4096, &c->ring_dma, GFP_KERNEL);
	return c->ring ? 0 : -ENOMEM;
}

/* The byte store goes into the local pointer `slot` itself: nothing the device reads. */
static void card_kick_local(struct card *c)
{
	u32 *slot = c->ring;

	*((u8 *)&slot) = 0;
	outb(1, c->port);
}

/* Look-alike: a store through the local writes the ring, which the port write tells the device to read. */
static void card_kick_ring(struct card *c)
{
	u32 *slot = c->ring;

	slot[0] = 1;
	outb(1, c->port); // expect: missing-wmb-before-doorbell (x86_64)
}
