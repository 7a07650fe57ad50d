/* Probe: the linked-list region's address is the BAR's CPU address plus an offset (the bad value), the other region's
 * the bus address (the clean look-alike). */
#include "xdma-core.h"

static int xdma_pcie_probe(struct pci_dev *pdev, struct xdma_chip *chip, int bar, u64 off)
{
	int i;

	chip->regs = pci_iomap(pdev, 0, 0);
	for (i = 0; i < 8; i++) {
		struct xdma_region *ll_region = &chip->ll_region_wr[i];
		struct xdma_bus_region *bus_region = &chip->bus_region_wr[i];

		ll_region->vaddr = pcim_iomap_table(pdev)[bar];
		ll_region->paddr = pdev->resource[bar].start;
		ll_region->paddr += off;
		bus_region->paddr = pci_bus_address(pdev, bar);
		bus_region->paddr += off;
		/* Clean: a BAR address only mapped. */
		chip->regs = ioremap(pci_resource_start(pdev, 0), 4096);
	}
	return 0;
}
