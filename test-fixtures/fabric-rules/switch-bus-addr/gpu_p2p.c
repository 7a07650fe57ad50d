// With the topology: gpu0 (03:00.0) and nic0 (04:00.0) share a switch whose ports have no ACS capability, so the pair
// is PCI_P2PDMA_MAP_BUS_ADDR even with the IOMMU translating: dma_map_resource() returns an IOVA the switch never sees.
// The device map binds this driver (by its pci_driver name) to 03:00.0.
#include <linux/pci.h>
#include <linux/dma-buf.h>
#include <linux/pci-p2pdma.h>

struct gpu { struct pci_dev *pdev; u64 vram_base; void __iomem *regs; void __iomem *vram; };

static int gpu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct gpu *g = kzalloc(sizeof(*g), GFP_KERNEL);

	g->pdev = pdev;
	g->vram_base = pci_resource_start(pdev, 2);
	g->regs = pci_iomap_wc(pdev, 0, 0); // expect: wc-on-non-prefetchable-bar (x86_64, arm64, powerpc64, riscv64) [error]
	g->vram = pci_iomap_wc(pdev, 2, 0);
	return 0;
}

static int gpu_attach(struct dma_buf *dmabuf, struct dma_buf_attachment *attach)
{
	struct gpu *g = dmabuf->priv;

	if (pci_p2pdma_distance(g->pdev, attach->dev, true) < 0)
		attach->peer2peer = false;
	return 0;
}

static struct sg_table *gpu_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct gpu *g = attach->dmabuf->priv;
	struct sg_table *sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);
	dma_addr_t addr = dma_map_resource(attach->dev, g->vram_base, SZ_2M, dir, 0); // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64) [error]

	sg_dma_address(sgt->sgl) = addr;
	return sgt;
}

static const struct dma_buf_ops gpu_ops = { .attach = gpu_attach, .map_dma_buf = gpu_map };

static const struct pci_device_id gpu_ids[] = { { PCI_DEVICE(0x10de, 0x2330) }, { } };

static struct pci_driver gpu_driver = { .name = "gpu_p2p", .id_table = gpu_ids, .probe = gpu_probe };
