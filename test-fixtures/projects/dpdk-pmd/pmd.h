/* Look-alike of a DPDK poll-mode driver transmit/receive ring (after DPDK drivers/net/i40e/i40e_rxtx.c:
 * i40e_dev_tx_queue_setup() reserves the ring with rte_eth_dma_zone_reserve() and programs tz->iova into the device;
 * i40e_xmit_pkts() writes descriptors into txq->tx_ring, then rte_io_wmb() and I40E_PCI_REG_WC_WRITE_RELAXED()
 * = rte_write32_wc_relaxed() of the tail; the BAR comes from pci_dev->mem_resource[0].addr, mapped by the EAL through
 * vfio-pci/uio -- uncached, vfio_pci_core.c:1784 pgprot_noncached -- or write-combining through resourceN_wc).
 * What counts as DMA memory in userspace (decided for this fixture): memory whose IOVA the device is programmed
 * with -- rte_memzone_reserve*()/rte_eth_dma_zone_reserve() ->addr, rte_malloc*/rte_zmalloc*() buffers whose
 * rte_malloc_virt2iova() is taken, and mbuf data (rte_pktmbuf_mtod / buf_addr, via rte_mbuf_data_iova). Register
 * space is mem_resource[N].addr; it is write-combining only when the EAL mapped resourceN_wc.
 * What a correct PMD does: rte_io_wmb() (or rte_wmb()) between the descriptor stores and a *_relaxed tail write,
 * or the non-relaxed rte_write32() that contains rte_io_wmb() itself.
 * Fabric Lens treats that memory as DMA-visible and mem_resource[N].addr as an uncached BAR mapping, and reports
 * nothing here because every barrier is in place; the variants with one dropped are in projects/dpdk-pmd-bugs.
 * fixture-rules: all
 */
#include <stdint.h>
#include <rte_io.h>
#include <rte_atomic.h>
#include <rte_memzone.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_bus_pci.h>

#define I40E_TXD_CMD_EOP	0x1
#define I40E_TXD_CMD_RS		0x2
#define I40E_RX_DESC_STATUS_DD	0x1

struct i40e_tx_desc { uint64_t buffer_addr; uint64_t cmd_type_offset_bsz; };
union i40e_rx_desc {
	struct { uint64_t pkt_addr; uint64_t hdr_addr; } read;
	struct { uint64_t qword0; uint64_t status_error_len; } wb;
};

struct i40e_tx_queue {
	volatile struct i40e_tx_desc *tx_ring;
	uint64_t tx_ring_phys_addr;
	volatile uint8_t *qtx_tail;
	uint16_t tx_tail;
	uint16_t nb_tx_desc;
};

struct i40e_rx_queue {
	volatile union i40e_rx_desc *rx_ring;
	uint64_t rx_ring_phys_addr;
	volatile uint8_t *qrx_tail;
	uint16_t rx_tail;
	uint16_t nb_rx_desc;
};

struct i40e_hw { uint8_t *hw_addr; };
