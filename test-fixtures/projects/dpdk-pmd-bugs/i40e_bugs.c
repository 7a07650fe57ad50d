/* Formerly a known gap (test-fixtures/known-gaps/README.md): DPDK i40e-style transmit/receive with a barrier dropped. tx_ring/rx_ring are
 * rte_memzone memory the NIC reads and writes by DMA; Fabric Lens treats rte_memzone/rte_malloc memory as DMA-visible
 * and mem_resource[N].addr as an uncached BAR mapping. */
#include "pmd.h"

int i40e_dev_init(struct i40e_hw *hw, struct rte_pci_device *pci_dev)
{
	hw->hw_addr = (uint8_t *)pci_dev->mem_resource[0].addr;
	return hw->hw_addr ? 0 : -1;
}

int i40e_tx_queue_setup(struct i40e_hw *hw, struct i40e_tx_queue *txq, struct i40e_rx_queue *rxq, int socket_id)
{
	const struct rte_memzone *tz = rte_memzone_reserve_aligned("tx", 4096, socket_id, RTE_MEMZONE_IOVA_CONTIG, 128);
	const struct rte_memzone *rz = rte_memzone_reserve_aligned("rx", 4096, socket_id, RTE_MEMZONE_IOVA_CONTIG, 128);

	if (!tz || !rz)
		return -1;
	txq->tx_ring = (struct i40e_tx_desc *)tz->addr;
	txq->qtx_tail = hw->hw_addr + 0x108000;
	rxq->rx_ring = (union i40e_rx_desc *)rz->addr;
	rxq->qrx_tail = hw->hw_addr + 0x128000;
	return 0;
}

/* Bug: relaxed tail write with no rte_io_wmb(): rte_write32_relaxed is a plain volatile store (DPDK
 * lib/eal/include/generic/rte_io.h): arm64 str, riscv64 sw, and on powerpc64 a plain stw with no sync (unlike the
 * kernel's writel_relaxed, which powerpc #defines to writel). Not x86_64: the ring is volatile, so the compiler keeps
 * the volatile stores in order, and TSO keeps them in order in hardware. */
uint16_t xmit_no_barrier(struct i40e_tx_queue *txq, uint64_t iova, uint16_t len)
{
	volatile struct i40e_tx_desc *txd = &txq->tx_ring[txq->tx_tail];

	txd->buffer_addr = rte_cpu_to_le_64(iova);
	txd->cmd_type_offset_bsz = rte_cpu_to_le_64((uint64_t)(I40E_TXD_CMD_EOP | I40E_TXD_CMD_RS) << 4 | (uint64_t)len << 34);
	txq->tx_tail = (txq->tx_tail + 1) % txq->nb_tx_desc;
	rte_write32_relaxed(rte_cpu_to_le_32(txq->tx_tail), txq->qtx_tail); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
	return 1;
}

/* Bug: no rte_io_rmb() between the DD status and the length read from the same write-back descriptor. Not x86_64:
 * two volatile loads stay in order in the compiler and under TSO. */
uint16_t recv_no_rmb(struct i40e_rx_queue *rxq)
{
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rx_tail];

	if (!(rte_le_to_cpu_64(rxdp->wb.status_error_len) & I40E_RX_DESC_STATUS_DD))
		return 0;
	return rte_le_to_cpu_64(rxdp->wb.qword0) & 0xffff; // expect: missing-dma-rmb (arm64, powerpc64, riscv64)
}
