/* Like ena_netdev.c (Linux 6.1): BAR mapping (:3483-3506, :4343) and the transmit doorbell (ena_ring_tx_doorbell,
 * :89-93, called from ena_start_xmit :3231-3234). */
#include "ena_com.h"

static int ena_map_llq_mem_bar(struct pci_dev *pdev, struct ena_com_dev *ena_dev, int bars)
{
	if (!(bars & BIT(ENA_MEM_BAR))) {
		ena_dev->tx_mem_queue_type = ENA_ADMIN_PLACEMENT_POLICY_HOST;
		return 0;
	}

	ena_dev->mem_bar = devm_ioremap_wc(&pdev->dev, pci_resource_start(pdev, ENA_MEM_BAR), // expect: mapping-unsupported-on-arch (riscv64)
					   pci_resource_len(pdev, ENA_MEM_BAR));
	if (!ena_dev->mem_bar)
		return -EFAULT;
	return 0;
}

int ena_probe(struct pci_dev *pdev, struct ena_com_dev *ena_dev, int bars)
{
	ena_dev->reg_bar = devm_ioremap(&pdev->dev, pci_resource_start(pdev, ENA_REG_BAR), pci_resource_len(pdev, ENA_REG_BAR));
	if (!ena_dev->reg_bar)
		return -EFAULT;
	return ena_map_llq_mem_bar(pdev, ena_dev, bars);
}

/* Clean: the last packet of a batch (ena_start_xmit with netdev_xmit_more() false, :3231-3234): LLQ copy (or host
 * descriptors), then the writel() doorbell. The deferred-doorbell (xmit_more) shape is in known-gaps/ena-llq-xmit-more. */
netdev_tx_t ena_start_xmit_last(struct ena_com_io_sq *io_sq, u64 dma, u32 len)
{
	ena_com_prepare_tx(io_sq, dma, len);
	ena_com_write_sq_doorbell(io_sq);
	return NETDEV_TX_OK;
}

/* Bug: a relaxed doorbell. LLQ placement: the WC stores are not ordered before the str on arm64 (x86 relies on the
 * uncached store evicting the WC buffers; powerpc64 writel_relaxed is writel; riscv 6.1 has no WC). Host placement:
 * the coherent descriptor stores are not ordered before it either (x86: no compiler barrier). */
netdev_tx_t ena_start_xmit_relaxed(struct ena_com_io_sq *io_sq, u64 dma, u32 len)
{
	ena_com_prepare_tx(io_sq, dma, len);
	writel_relaxed(io_sq->tail, io_sq->db_addr); // expect: missing-wc-flush (arm64); missing-wmb-before-doorbell (arm64, riscv64, x86_64)
	return NETDEV_TX_OK;
}
