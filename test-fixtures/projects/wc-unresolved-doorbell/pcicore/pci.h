/* The PCI core's own local header, of the same name as a NIC driver's (drivers/pci/pci.h beside mlxsw's pci.h).
 * fixture-rules: redundant-barrier */
#include <linux/pci.h>

void __iomem *pcicore_map_bar_wc(struct pci_dev *pdev, int bar);
