/* The caller context of every ndo_start_xmit: the stack holds the queue's _xmit_lock around the call
 * (net/sched/sch_generic.c sch_direct_xmit() / net/core/dev.c dev_hard_start_xmit(), HARD_TX_LOCK/UNLOCK in
 * include/linux/netdevice.h). Modelled so the push's write-combined stores meet the unlock that hands the queue to the
 * next CPU: arm64 spin_unlock is stlr, which orders the earlier Normal-NC stores; x86_64 spin_unlock is a plain store
 * that does not drain WC buffers, and powerpc64 lwsync does not order cache-inhibited stores (and __iowrite64_copy is
 * not mmiowb-tracked on powerpc64/riscv64). */
#include "hns3_enet.h"

struct netdev_queue { spinlock_t _xmit_lock; };

netdev_tx_t hns3_nic_net_xmit(struct hns3_enet_ring *ring, dma_addr_t dma, u16 size, bool more);

netdev_tx_t sch_direct_xmit_one(struct netdev_queue *txq, struct hns3_enet_ring *ring, dma_addr_t dma, u16 size)
{
	netdev_tx_t ret;

	spin_lock(&txq->_xmit_lock);
	ret = hns3_nic_net_xmit(ring, dma, size, false);
	spin_unlock(&txq->_xmit_lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (riscv64)
	return ret;
}
