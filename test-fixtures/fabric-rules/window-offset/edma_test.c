// A host bridge whose MEM window is translated (CPU 0x300000000000 = bus 0x80000000, an arm64 DT `ranges` entry) and
// no IOMMU: BAR CPU addresses handed to the device are wrong by the window offset, and dma_map_resource() returns the
// CPU address unchanged where the switch-local peer (BUS_ADDR) needs the bus address. Bound by an inline device map.
#include <linux/pci.h>
#include <linux/io.h>

struct edma { struct pci_dev *pdev; void __iomem *regs; phys_addr_t ll_phys; phys_addr_t ll_bus; };

static int edma_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edma *e = kzalloc(sizeof(*e), GFP_KERNEL);

	e->regs = pci_iomap(pdev, 0, 0);
	e->ll_phys = pci_resource_start(pdev, 2);
	e->ll_bus = pci_bus_address(pdev, 2);
	writel(lower_32_bits(e->ll_phys), e->regs + 0x100); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64) [error]
	writel(upper_32_bits(e->ll_phys), e->regs + 0x104); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64) [error]
	/* Clean: the bus address. */
	writel(lower_32_bits(e->ll_bus), e->regs + 0x108);
	return 0;
}

static dma_addr_t edma_share(struct edma *e, struct device *peer)
{
	if (pci_p2pdma_distance(e->pdev, peer, true) < 0)
		return DMA_MAPPING_ERROR;
	return dma_map_resource(peer, e->ll_phys, SZ_64K, DMA_BIDIRECTIONAL, 0); // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64) [error]
}

static struct pci_driver edma_driver = { .name = "edma_test", .probe = edma_probe };
