/* Like DPDK drivers/net/i40e (queue setup, i40e_xmit_pkts, i40e_recv_pkts): the correct shape. */
#include "pmd.h"

int i40e_dev_init(struct i40e_hw *hw, struct rte_pci_device *pci_dev)
{
	hw->hw_addr = (uint8_t *)pci_dev->mem_resource[0].addr;
	return hw->hw_addr ? 0 : -1;
}

int i40e_dev_tx_queue_setup(struct i40e_hw *hw, struct i40e_tx_queue *txq, uint16_t queue_idx, int socket_id)
{
	const struct rte_memzone *tz;

	tz = rte_memzone_reserve_aligned("i40e_tx_ring", 4096, socket_id, RTE_MEMZONE_IOVA_CONTIG, 128);
	if (!tz)
		return -1;
	txq->tx_ring_phys_addr = tz->iova;
	txq->tx_ring = (struct i40e_tx_desc *)tz->addr;
	txq->qtx_tail = hw->hw_addr + 0x108000 + 4 * queue_idx;
	return 0;
}

uint16_t i40e_xmit_pkts(struct i40e_tx_queue *txq, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	uint16_t tx_id = txq->tx_tail;
	uint16_t i;

	for (i = 0; i < nb_pkts; i++) {
		volatile struct i40e_tx_desc *txd = &txq->tx_ring[tx_id];

		txd->buffer_addr = rte_cpu_to_le_64(rte_mbuf_data_iova(tx_pkts[i]));
		txd->cmd_type_offset_bsz = rte_cpu_to_le_64((uint64_t)(I40E_TXD_CMD_EOP | I40E_TXD_CMD_RS) << 4 | (uint64_t)tx_pkts[i]->data_len << 34);
		tx_id = (tx_id + 1) % txq->nb_tx_desc;
	}

	rte_io_wmb();
	rte_write32_wc_relaxed(rte_cpu_to_le_32(tx_id), txq->qtx_tail);
	txq->tx_tail = tx_id;
	return nb_pkts;
}

uint16_t i40e_recv_one(struct i40e_rx_queue *rxq, uint64_t new_dma)
{
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rx_tail];
	uint64_t qword1 = rte_le_to_cpu_64(rxdp->wb.status_error_len);
	uint16_t len;

	if (!(qword1 & I40E_RX_DESC_STATUS_DD))
		return 0;
	rte_io_rmb();
	len = (qword1 >> 38) & 0x3fff;
	rxdp->read.hdr_addr = 0;
	rxdp->read.pkt_addr = rte_cpu_to_le_64(new_dma);
	rxq->rx_tail = (rxq->rx_tail + 1) % rxq->nb_rx_desc;
	rte_write32(rte_cpu_to_le_32(rxq->rx_tail), rxq->qrx_tail);
	return len;
}
