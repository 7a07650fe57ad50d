/* Like hns3_enet.c (Linux 6.1): ring allocation (:3503), BD fill, and the doorbells (:2057-2146). */
#include "hns3_enet.h"

int hns3_alloc_desc(struct device *dev, struct hns3_enet_ring *ring)
{
	ring->desc = dma_alloc_coherent(dev, ring->desc_num * sizeof(ring->desc[0]), &ring->desc_dma_addr, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void hns3_tx_push_bd(struct hns3_enet_ring *ring, int num)
{
	struct hns3_desc desc[HNS3_MAX_PUSH_BD_NUM] = {};
	int offset = 0;

	/* make sure everything is visible to device before excuting tx push or updating doorbell */
	dma_wmb();

	do {
		int idx = (ring->next_to_use - num + ring->desc_num) % ring->desc_num;

		ring->tx_push++;
		memcpy(&desc[offset], &ring->desc[idx], sizeof(struct hns3_desc));
		offset++;
	} while (--num);

	__iowrite64_copy(ring->tqp->mem_base, desc, (sizeof(struct hns3_desc) * HNS3_MAX_PUSH_BD_NUM) / 8);

	io_stop_wc();
}

static void hns3_tx_mem_doorbell(struct hns3_enet_ring *ring)
{
	__le64 bd_num = cpu_to_le64((u64)ring->pending_buf);

	/* make sure everything is visible to device before excuting tx push or updating doorbell */
	dma_wmb();

	__iowrite64_copy(ring->tqp->mem_base + HNS3_MEM_DOORBELL_OFFSET, &bd_num, 1);

	io_stop_wc();
}

static void hns3_tx_doorbell(struct hns3_enet_ring *ring, int num, bool doorbell)
{
	if (ring->push_enabled && num && !ring->pending_buf && num <= HNS3_MAX_PUSH_BD_NUM && doorbell) {
		smp_store_release(&ring->last_to_use, ring->next_to_use);
		hns3_tx_push_bd(ring, num);
		return;
	}

	ring->pending_buf += num;

	if (!doorbell)
		return;

	smp_store_release(&ring->last_to_use, ring->next_to_use);

	if (ring->tqp->mem_base)
		hns3_tx_mem_doorbell(ring);
	else
		writel(ring->pending_buf, ring->tqp->io_base + HNS3_RING_TX_RING_TAIL_REG);

	ring->pending_buf = 0;
}

netdev_tx_t hns3_nic_net_xmit(struct hns3_enet_ring *ring, dma_addr_t dma, u16 size, bool more)
{
	struct hns3_desc *desc = &ring->desc[ring->next_to_use];

	desc->addr = cpu_to_le64(dma);
	desc->tx.send_size = cpu_to_le16(size);
	desc->tx.bdtp_fe_sc_vld_ra_ri = cpu_to_le16(BIT(HNS3_TXD_VLD_B));
	ring->next_to_use = (ring->next_to_use + 1) % ring->desc_num;

	hns3_tx_doorbell(ring, 1, !more); // expect: dma-wmb-insufficient (powerpc64); dma-wmb-insufficient (powerpc64)
	return NETDEV_TX_OK;
}

/* Clean (portable): wmb() (sync on powerpc64) before the push, as a portable driver would write it. */
void hns3_tx_push_bd_portable(struct hns3_enet_ring *ring, dma_addr_t dma)
{
	struct hns3_desc *d = &ring->desc[ring->next_to_use];
	struct hns3_desc copy;

	d->addr = cpu_to_le64(dma);
	wmb();
	memcpy(&copy, d, sizeof(copy));
	__iowrite64_copy(ring->tqp->mem_base, &copy, sizeof(copy) / 8);
	io_stop_wc();
	wmb();
}
