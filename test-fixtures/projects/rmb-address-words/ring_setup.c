/* The CPU fills the address words (a buffer's DMA address, the next descriptor's DMA address, or 0), as
 * ocelot_fdma.c (dcb->llp), sis900.c (bufptr) and rtl8192e (TxBuffAddr) do; `length` is only ever cleared.
 * fixture-rules: missing-dma-rmb */
#include "ring.h"

static dma_addr_t ring_desc_dma(dma_addr_t base, int i)
{
	return base + i * sizeof(struct ring_desc);
}

int ring_alloc(struct ring_priv *rp)
{
	rp->rx_ring = dma_alloc_coherent(rp->dev, 16 * sizeof(struct ring_desc), &rp->rx_dma, GFP_KERNEL);
	return rp->rx_ring ? 0 : -ENOMEM;
}

void ring_refill(struct ring_priv *rp, int i, void *buf)
{
	struct ring_desc *d = &rp->rx_ring[i];
	dma_addr_t mapping = dma_map_single(rp->dev, buf, 2048, DMA_FROM_DEVICE);

	rp->rx_map[i] = mapping;
	d->pkt_lo = cpu_to_le32(lower_32_bits(mapping));
	d->chain = ring_desc_dma(rp->rx_dma, (i + 1) % 16);
	d->length = 0;
	dma_wmb();
	d->status = cpu_to_le32(0x80000000);
}

void ring_clear(struct ring_priv *rp, int i)
{
	rp->rx_ring[i].pkt_lo = 0;
	rp->rx_ring[i].chain = 0;
	rp->rx_ring[i].pkt_lo = (u32)rp->rx_map[i];
}
