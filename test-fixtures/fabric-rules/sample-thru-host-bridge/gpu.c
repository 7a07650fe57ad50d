// The bundled sample: intel_iommu=on, so Linux sets ACS redirect on the PLX switch ports and every switch-local pair
// is THRU_HOST_BRIDGE; dma_map_resource() (an IOVA) is then the right address and p2p-iova-through-switch stays quiet.
// No device map: the driver is tied to gpu0 (0000:03:00.0) by its pci_device_id table (10de:15f8).
// The unchecked mapping is still reported, and the topology names the peer behind the other socket's root port,
// for which pci_p2pdma_distance() would return -1 (the Haswell root 2f00 is allowlisted for the same bridge only).
#include <linux/pci.h>
#include <linux/dma-buf.h>

#define GPU_VENDOR 0x10de
#define GPU_DEVICE 0x15f8

struct gpu { struct pci_dev *pdev; u64 bar1; };

static int gpu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct gpu *g = kzalloc(sizeof(*g), GFP_KERNEL);

	g->bar1 = pci_resource_start(pdev, 1);
	return dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
}

static struct sg_table *gpu_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct gpu *g = attach->dmabuf->priv;
	struct sg_table *sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);

	sg_dma_address(sgt->sgl) = dma_map_resource(attach->dev, g->bar1, SZ_2M, dir, 0); // expect: p2p-distance-unchecked (x86_64, arm64, powerpc64, riscv64)
	return sgt;
}

static const struct dma_buf_ops gpu_ops = { .map_dma_buf = gpu_map };

static const struct pci_device_id gpu_ids[] = {
	{ PCI_DEVICE(GPU_VENDOR, GPU_DEVICE) },
	{ 0, }
};

static struct pci_driver gpu_driver = { .name = KBUILD_MODNAME, .id_table = gpu_ids, .probe = gpu_probe };
