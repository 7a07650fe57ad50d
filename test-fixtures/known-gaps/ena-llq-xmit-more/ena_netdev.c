/* KNOWN GAP (see ../README.md). Like ena_netdev.c (Linux 6.1) ena_start_xmit() :3130-3245: after the LLQ copy the
 * doorbell is rung only when netif_xmit_stopped(txq) || !netdev_xmit_more() (:3231-3234), and the error path
 * (:3237-3244) returns without a doorbell. With xmit_more the stack calls ndo_start_xmit again on the same CPU under
 * the same HARD_TX_LOCK (sch_direct_xmit -> dev_hard_start_xmit), and that call's writel() doorbell orders this
 * call's write-combined LLQ stores too (arm64 dmb oshst, powerpc64 sync, x86 uncached store evicting the WC buffers).
 * Truth: clean. Fabric Lens (missing-wc-flush) reports the return paths after the copy, because it cannot know the
 * xmit_more contract of the caller and its flow is not value-sensitive (rc != 0 only before the copy here).
 * fixture-rules: all
 */
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

netdev_tx_t ena_start_xmit(struct ena_com_io_sq *io_sq, struct netdev_queue *txq, u64 dma, u32 len)
{
	int rc = ena_com_prepare_tx(io_sq, dma, len);

	if (unlikely(rc))
		goto error_drop_packet;

	if (netif_xmit_stopped(txq) || !netdev_xmit_more())
		ena_com_write_sq_doorbell(io_sq);

	return NETDEV_TX_OK;

error_drop_packet:
	return NETDEV_TX_OK;
}
