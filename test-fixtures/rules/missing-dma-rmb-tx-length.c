/* missing-dma-rmb: in a transmit descriptor the CPU wrote the lengths (any `..._len`), so reading one back after the
 * ownership test on a reclaim path is harmless; the same field of a receive descriptor is the device's.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define GPD_HWO	BIT(0)

struct gp_desc {
	u8 flags;
	u8 pad;
	__le16 data_buff_len;
	__le32 next_ptr;
};

struct gp_queue { struct gp_desc *ring; dma_addr_t dma; unsigned int head; };

static int gp_queue_alloc(struct device *dev, struct gp_queue *q)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->ring ? 0 : -ENOMEM;
}

/* Bug: the device wrote the received length; it may be read before the HWO clear is seen. */
static int gp_rx_from_queue(struct gp_queue *q)
{
	struct gp_desc *gpd = &q->ring[q->head];

	if (gpd->flags & GPD_HWO)
		return 0;
	return le16_to_cpu(gpd->data_buff_len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: on the transmit side the CPU stored the length when it queued the packet; it reads back its own value. */
static int gp_tx_collect(struct gp_queue *q)
{
	struct gp_desc *gpd = &q->ring[q->head];

	if (gpd->flags & GPD_HWO)
		return 0;
	return le16_to_cpu(gpd->data_buff_len);
}
