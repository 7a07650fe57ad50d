// p2p-iova-through-switch: dma_map_resource() of a BAR handed to a peer, shaped after amdgpu_vram_mgr_alloc_sgt()
// (amdgpu_vram_mgr.c:631-703) and habanalabs set_dma_sg() (memory.c:1522-1539). Every mapping here is gated by a
// pci_p2pdma_distance() in the dma-buf attach callback, so p2p-distance-unchecked stays quiet; what is left is that
// nothing in the driver tells BUS_ADDR from THRU_HOST_BRIDGE.
#include <linux/pci.h>
#include <linux/dma-buf.h>
#include <linux/pci-p2pdma.h>

#define VRAM_BAR 0

struct gpu_gmc { u64 aper_base; u64 aper_size; };
struct gpu_dev { struct pci_dev *pdev; struct gpu_gmc gmc; u64 dram_bar_start; void __iomem *fifo; };

static int gpu_gmc_init(struct gpu_dev *adev)
{
	adev->gmc.aper_base = pci_resource_start(adev->pdev, VRAM_BAR);
	adev->gmc.aper_size = pci_resource_len(adev->pdev, VRAM_BAR);
	adev->dram_bar_start = pci_resource_start(adev->pdev, 2);
	return 0;
}

/* amdgpu shape: member set in another function, address computed in a loop. */
static int gpu_alloc_sgt(struct gpu_dev *adev, u64 offset, u64 size, struct device *dev, struct sg_table *sgt)
{
	phys_addr_t phys = offset + adev->gmc.aper_base;
	dma_addr_t addr;

	addr = dma_map_resource(dev, phys, size, DMA_BIDIRECTIONAL, DMA_ATTR_SKIP_CPU_SYNC); // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64)
	if (dma_mapping_error(dev, addr))
		return -ENOMEM;
	sg_dma_address(sgt->sgl) = addr;
	return 0;
}

/* habanalabs shape: the BAR address reaches the mapping through a parameter. */
static int set_dma_sg(struct scatterlist *sg, u64 bar_address, u64 chunk_size, struct device *dev)
{
	dma_addr_t addr = dma_map_resource(dev, bar_address, chunk_size, DMA_BIDIRECTIONAL, DMA_ATTR_SKIP_CPU_SYNC); // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64)

	if (dma_mapping_error(dev, addr))
		return -ENOMEM;
	sg_dma_address(sg) = addr;
	return 0;
}

static int alloc_sgt_from_device_pages(struct gpu_dev *hdev, u64 page, struct device *dev, struct sg_table *sgt)
{
	u64 bar_address = hdev->dram_bar_start + page;

	return set_dma_sg(sgt->sgl, bar_address, PAGE_SIZE, dev);
}

/* Clean: a device mapping its own BAR for its own DMA engine is not peer-to-peer. */
static dma_addr_t map_own_bar(struct pci_dev *pdev)
{
	return dma_map_resource(&pdev->dev, pci_resource_start(pdev, 4), SZ_4K, DMA_TO_DEVICE, 0);
}

/* Clean: a SoC FIFO from a platform resource, the ordinary dma_map_resource() use (pl330, rcar-dmac). */
static dma_addr_t map_fifo(struct platform_device *plat, struct device *dma_dev)
{
	struct resource *res = platform_get_resource(plat, IORESOURCE_MEM, 0);

	return dma_map_resource(dma_dev, res->start + 0x40, 4, DMA_TO_DEVICE, 0);
}

/* Clean: P2P pages registered with pci_p2pdma_add_resource() and mapped with dma_map_sg() honour the map type. */
static int map_p2p_pages(struct device *client, struct scatterlist *sgl, int nents)
{
	return dma_map_sg(client, sgl, nents, DMA_BIDIRECTIONAL);
}

static int gpu_dma_buf_attach(struct dma_buf *dmabuf, struct dma_buf_attachment *attach)
{
	struct gpu_dev *adev = dmabuf->priv;

	if (pci_p2pdma_distance(adev->pdev, attach->dev, false) < 0)
		attach->peer2peer = false;
	return 0;
}

static struct sg_table *gpu_dma_buf_map(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct gpu_dev *adev = attach->dmabuf->priv;
	struct sg_table *sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);

	if (!attach->peer2peer)
		return ERR_PTR(-EOPNOTSUPP);
	if (gpu_alloc_sgt(adev, 0, SZ_2M, attach->dev, sgt))
		return ERR_PTR(-EIO);
	if (alloc_sgt_from_device_pages(adev, 0, attach->dev, sgt))
		return ERR_PTR(-EIO);
	return sgt;
}

static const struct dma_buf_ops gpu_dmabuf_ops = {
	.attach = gpu_dma_buf_attach,
	.map_dma_buf = gpu_dma_buf_map,
};
