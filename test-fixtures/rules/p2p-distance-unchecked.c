// p2p-distance-unchecked: P2P mappings of peer BARs with no pci_p2pdma_distance*() gate, shaped after
// virtio_gpu_vram_map_dma_buf() (virtgpu_vram.c:69-113) and ntb_transport_create_queue() (ntb_transport.c:2053),
// beside gated look-alikes (habanalabs hl_dmabuf_attach(), memory.c:1676-1691) and distance calls whose result is lost.
#include <linux/pci.h>
#include <linux/dma-buf.h>
#include <linux/pci-p2pdma.h>

struct shm_dev { struct pci_dev *pdev; u64 shm_base; u64 shm_size; };
struct queue { phys_addr_t tx_mw_phys; size_t tx_mw_size; dma_addr_t tx_mw_dma_addr; struct device *dma_dev; };

static int shm_probe(struct shm_dev *vdev, struct queue *qp)
{
	vdev->shm_base = pci_resource_start(vdev->pdev, 2);
	qp->tx_mw_phys = pci_resource_start(vdev->pdev, 4) + 0x1000;
	return 0;
}

/* virtio-gpu shape: any importer gets the host-visible BAR, nobody asked whether it can reach it. */
static struct sg_table *shm_map_dma_buf(struct dma_buf_attachment *attach, enum dma_data_direction dir)
{
	struct shm_dev *vdev = attach->dmabuf->priv;
	struct sg_table *sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);
	dma_addr_t addr;

	addr = dma_map_resource(attach->dev, vdev->shm_base, vdev->shm_size, dir, DMA_ATTR_SKIP_CPU_SYNC); // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64); p2p-distance-unchecked (x86_64, arm64, powerpc64, riscv64)
	if (dma_mapping_error(attach->dev, addr))
		return ERR_PTR(-EIO);
	sg_dma_address(sgt->sgl) = addr;
	return sgt;
}

static const struct dma_buf_ops shm_dmabuf_ops = {
	.map_dma_buf = shm_map_dma_buf,
};

/* ntb_transport shape: the window BAR mapped for a DMA-engine channel's device. */
static int create_queue(struct queue *qp)
{
	qp->tx_mw_dma_addr = dma_map_resource(qp->dma_dev, qp->tx_mw_phys, qp->tx_mw_size, DMA_FROM_DEVICE, 0); // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64); p2p-distance-unchecked (x86_64, arm64, powerpc64, riscv64)
	if (dma_mapping_error(qp->dma_dev, qp->tx_mw_dma_addr))
		return -EIO;
	return 0;
}

/* Clean: the same mapping, gated by its caller on the distance. */
static int map_window(struct queue *qp)
{
	qp->tx_mw_dma_addr = dma_map_resource(qp->dma_dev, qp->tx_mw_phys, qp->tx_mw_size, DMA_FROM_DEVICE, 0); // expect: p2p-iova-through-switch (x86_64, arm64, powerpc64, riscv64)
	return dma_mapping_error(qp->dma_dev, qp->tx_mw_dma_addr) ? -EIO : 0;
}

static int setup_window(struct shm_dev *vdev, struct queue *qp)
{
	if (pci_p2pdma_distance(vdev->pdev, qp->dma_dev, true) < 0)
		return -EOPNOTSUPP;
	return map_window(qp);
}

/* Distance computed for the log only: the -1 never stops anything. */
static void report_distance(struct shm_dev *vdev, struct device *client)
{
	pci_p2pdma_distance(vdev->pdev, client, true); // expect: p2p-distance-unchecked (x86_64, arm64, powerpc64, riscv64)
}

static int stored_not_read(struct shm_dev *vdev, struct device *client)
{
	int dist = pci_p2pdma_distance_many(vdev->pdev, &client, 1, true); // expect: p2p-distance-unchecked (x86_64, arm64, powerpc64, riscv64)

	dist = 0;
	return dist;
}

/* Clean: habanalabs shape, the result is tested. */
static int checked_attach(struct dma_buf *dmabuf, struct dma_buf_attachment *attachment)
{
	struct shm_dev *vdev = dmabuf->priv;
	int rc;

	rc = pci_p2pdma_distance_many(vdev->pdev, &attachment->dev, 1, true);
	if (rc < 0)
		attachment->peer2peer = false;
	return 0;
}
