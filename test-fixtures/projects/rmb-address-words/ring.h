/* Shared header of a two-file driver: the descriptor's address words are plain __le32, not dma_addr_t. */
#include <linux/dma-mapping.h>

struct ring_desc {
	__le32 status;
	__le32 length;
	__le32 pkt_lo;
	__le32 chain;
};

struct ring_priv {
	struct ring_desc *rx_ring;
	dma_addr_t rx_dma;
	dma_addr_t rx_map[16];
	struct device *dev;
};
