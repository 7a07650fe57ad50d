/* The channel's chunk gets a copy of the chip's region addresses. */
#include "xdma-core.h"

void xdma_chunk_init(struct xdma_chunk *chunk, struct xdma_chip *chip, int id)
{
	chunk->chip = chip;
	chunk->ll_region.paddr = chip->ll_region_wr[id].paddr;
	chunk->ll_region.vaddr = chip->ll_region_wr[id].vaddr;
	chunk->bus_region.paddr = chip->bus_region_wr[id].paddr;
}
