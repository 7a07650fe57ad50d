// No IOMMU, a switch without ACS: gpu0 (03:00.0) reads nic0's BAR0 at 0x4002000000 peer-to-peer with the bus address,
// but its driver limits it to 32-bit DMA addresses. Bound through the device map by vendor:device.
#include <linux/pci.h>

struct gpu { struct pci_dev *pdev; };

static int gpu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	if (dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(32))) // expect: dma-mask-unchecked (x86_64, arm64, powerpc64, riscv64)
		return -EIO;
	return 0;
}

static dma_addr_t gpu_map_peer(struct gpu *g, struct pci_dev *peer, phys_addr_t phys)
{
	if (pci_p2pdma_distance(peer, &g->pdev->dev, true) < 0)
		return DMA_MAPPING_ERROR;
	return dma_map_resource(&g->pdev->dev, phys, SZ_4K, DMA_BIDIRECTIONAL, 0);
}

static const struct pci_device_id gpu_ids[] = { { PCI_DEVICE(0x10de, 0x2330) }, { } };

static struct pci_driver gpu_driver = { .name = "gpu_client", .id_table = gpu_ids, .probe = gpu_probe };
