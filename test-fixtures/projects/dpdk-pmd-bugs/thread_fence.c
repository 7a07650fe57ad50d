/* rte_atomic_thread_fence() (DPDK 23.11 on, in place of rte_smp_*mb()) and its GCC/C11 spellings: the instruction
 * depends on the memory order (GCC mem_thread_fence; x86 seq_cst is rte_smp_mb() in DPDK). A fence is a barrier
 * between CPUs: acquire is dmb ishld on arm64 (inner shareable, not the device's outer domain), lwsync on powerpc64,
 * fence r,rw on riscv64; release is dmb ish, lwsync, fence rw,w; seq_cst dmb ish, sync, fence rw,rw. None of the
 * riscv64 ones names I/O (o), and lwsync does not order a store before a cache-inhibited one. */
#include "pmd.h"

/* Clean but on arm64: the acquire fence orders the status load before the length load on x86_64, powerpc64 and
 * riscv64; dmb ishld does not reach the device's domain. */
uint16_t recv_acquire_fence(struct i40e_rx_queue *rxq)
{
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rx_tail];

	if (!(rte_le_to_cpu_64(rxdp->wb.status_error_len) & I40E_RX_DESC_STATUS_DD))
		return 0;
	rte_atomic_thread_fence(rte_memory_order_acquire);
	return rte_le_to_cpu_64(rxdp->wb.qword0) & 0xffff; // expect: missing-dma-rmb (arm64)
}

/* The GCC builtin spelling is the same fence. */
uint16_t recv_builtin_fence(struct i40e_rx_queue *rxq)
{
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rx_tail];

	if (!(rte_le_to_cpu_64(rxdp->wb.status_error_len) & I40E_RX_DESC_STATUS_DD))
		return 0;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return rte_le_to_cpu_64(rxdp->wb.qword0) & 0xffff; // expect: missing-dma-rmb (arm64)
}

/* Bug: a relaxed fence orders nothing. */
uint16_t recv_relaxed_fence(struct i40e_rx_queue *rxq)
{
	volatile union i40e_rx_desc *rxdp = &rxq->rx_ring[rxq->rx_tail];

	if (!(rte_le_to_cpu_64(rxdp->wb.status_error_len) & I40E_RX_DESC_STATUS_DD))
		return 0;
	rte_atomic_thread_fence(rte_memory_order_relaxed);
	return rte_le_to_cpu_64(rxdp->wb.qword0) & 0xffff; // expect: missing-dma-rmb (arm64, powerpc64, riscv64)
}

/* Bug on all but x86_64: a release fence is no I/O barrier before a relaxed tail write. */
uint16_t xmit_release_fence(struct i40e_tx_queue *txq, uint64_t iova)
{
	volatile struct i40e_tx_desc *txd = &txq->tx_ring[txq->tx_tail];

	txd->buffer_addr = rte_cpu_to_le_64(iova);
	rte_atomic_thread_fence(rte_memory_order_release);
	rte_write32_relaxed(rte_cpu_to_le_32(txq->tx_tail), txq->qtx_tail); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
	return 1;
}

/* seq_cst: sync on powerpc64 orders the store before the MMIO write; dmb ish and fence rw,rw do not. */
uint16_t xmit_seq_cst_fence(struct i40e_tx_queue *txq, uint64_t iova)
{
	volatile struct i40e_tx_desc *txd = &txq->tx_ring[txq->tx_tail];

	txd->buffer_addr = rte_cpu_to_le_64(iova);
	rte_atomic_thread_fence(rte_memory_order_seq_cst);
	rte_write32_relaxed(rte_cpu_to_le_32(txq->tx_tail), txq->qtx_tail); // expect: missing-wmb-before-doorbell (arm64, riscv64)
	return 1;
}
