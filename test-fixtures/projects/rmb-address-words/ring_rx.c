/* The receive path: after the ownership test, the address words the CPU wrote are read (clean: the device never
 * writes them), and the length the device wrote back (a bug without dma_rmb()).
 * fixture-rules: missing-dma-rmb */
#include "ring.h"

u32 ring_rx_buffer(struct ring_priv *rp, int i)
{
	struct ring_desc *d = &rp->rx_ring[i];

	if (le32_to_cpu(d->status) & 0x80000000)
		return 0;
	return le32_to_cpu(d->pkt_lo) + d->chain;
}

u32 ring_rx_length(struct ring_priv *rp, int i)
{
	struct ring_desc *d = &rp->rx_ring[i];

	if (le32_to_cpu(d->status) & 0x80000000)
		return 0;
	return le32_to_cpu(d->length); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
