/* Like hns3pf/hclge_main.c (Linux 6.1): BAR mapping (:11405-11420, :11456) and per-queue bases (:1705-1721). */
#include "hns3_enet.h"

#define HCLGE_MEM_BAR	4

int hclge_dev_mem_map(struct pci_dev *pdev, struct hclge_hw *hw)
{
	if (!(pci_select_bars(pdev, IORESOURCE_MEM) & BIT(HCLGE_MEM_BAR)))
		return 0;

	hw->mem_base = devm_ioremap_wc(&pdev->dev, pci_resource_start(pdev, HCLGE_MEM_BAR), // expect: mapping-unsupported-on-arch (riscv64)
				       pci_resource_len(pdev, HCLGE_MEM_BAR));
	if (!hw->mem_base)
		return -EFAULT;
	return 0;
}

int hclge_pci_init(struct pci_dev *pdev, struct hclge_hw *hw)
{
	hw->io_base = pcim_iomap(pdev, 2, 0);
	return hw->io_base ? 0 : -ENOMEM;
}

void hclge_alloc_tqp(struct hclge_hw *hw, struct hnae3_queue *q, int i, bool push)
{
	q->io_base = hw->io_base + 0x80000 + i * 0x200;
	if (push)
		q->mem_base = hw->mem_base + i * 0x10000;
}
