/* Set-up: passes the members' addresses to the helpers of ring_mem.c. */
#include "ring.h"

int ring_setup(struct device *dev, struct ring *r, void __iomem *bar)
{
	int err = ring_mem_alloc(dev, 4096, (void **)&r->desc, &r->dma);

	if (err)
		return err;
	r->db = bar + 0x40;
	return ring_shadow_alloc(4096, (void **)&r->shadow);
}

int cq_setup(struct device *dev, struct cq *q, void __iomem *bar)
{
	void *va, *sw;
	dma_addr_t pa;
	int err = ring_mem_alloc(dev, 4096, &va, &pa);

	if (err)
		return err;
	err = ring_shadow_alloc(4096, &sw);
	if (err)
		return err;
	q->desc = va;
	q->shadow = sw;
	q->db = bar + 0x80;
	return 0;
}
