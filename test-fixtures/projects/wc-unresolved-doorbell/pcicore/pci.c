/* The PCI core maps a BAR write-combining for its callers: this is no file of the NIC driver below. */
#include "pci.h"

void __iomem *pcicore_map_bar_wc(struct pci_dev *pdev, int bar)
{
	return ioremap_wc(pci_resource_start(pdev, bar), pci_resource_len(pdev, bar));
}
