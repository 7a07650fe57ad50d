/* The allocation helpers: each stores what it allocates through its `vaddr` out-parameter. */
#include "ring.h"

int ring_mem_alloc(struct device *dev, size_t size, void **vaddr, dma_addr_t *paddr)
{
	*vaddr = dma_alloc_coherent(dev, size, paddr, GFP_KERNEL);
	return *vaddr ? 0 : -ENOMEM;
}

int ring_shadow_alloc(size_t size, void **vaddr)
{
	*vaddr = kcalloc(1, size, GFP_KERNEL);
	return *vaddr ? 0 : -ENOMEM;
}
