/* A receive ring walked up to a head index read with rte_read32_relaxed() (a plain volatile load, DPDK
 * lib/eal/include/generic/rte_io.h): the NIC writes the descriptors, then moves the register, but nothing orders the
 * descriptor loads after the register load on arm64, powerpc64 or riscv64. On x86_64 two volatile loads stay in order
 * (the `volatile` status word after the volatile register read); the plain length load after the status test is the
 * rule's usual finding there. */
#include "pmd.h"

struct hq_desc { volatile uint32_t status; uint32_t len; };
struct hq_rxq { struct hq_desc *ring; volatile void *head_reg; uint16_t next; };

int hq_rxq_setup(struct hq_rxq *q, int socket_id)
{
	const struct rte_memzone *mz = rte_memzone_reserve_aligned("hq_rx", 4096, socket_id, RTE_MEMZONE_IOVA_CONTIG, 128);

	if (!mz)
		return -1;
	q->ring = (struct hq_desc *)mz->addr;
	return 0;
}

int hq_recv(struct hq_rxq *q, uint32_t *lens)
{
	uint16_t head = rte_read32_relaxed(q->head_reg);
	int n = 0;

	while (q->next != head) {
		if (q->ring[q->next].status & 1) // expect: missing-dma-rmb (arm64, powerpc64, riscv64)
			lens[n++] = q->ring[q->next].len; // expect: missing-dma-rmb (x86_64)
		q->next = (q->next + 1) & 511;
	}
	return n;
}

/* Clean: rte_io_rmb() after the register read (dmb oshld on arm64, lwsync... per DPDK's rte_atomic.h). */
int hq_recv_fenced(struct hq_rxq *q, uint32_t *lens)
{
	uint16_t head = rte_read32_relaxed(q->head_reg);
	int n = 0;

	rte_io_rmb();
	while (q->next != head) {
		if (q->ring[q->next].status & 1)
			lens[n++] = q->ring[q->next].len;
		q->next = (q->next + 1) & 511;
	}
	return n;
}
