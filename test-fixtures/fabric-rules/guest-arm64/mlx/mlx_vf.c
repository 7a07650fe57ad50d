// An arm64 KVM guest (topology "guest": {"arch": "arm64", "hypervisor": "kvm"}) with a ConnectX VF (15b3:101e)
// assigned: the BlueFlame-style WC mapping becomes Device-nGnRE at stage 2. Only arm64 is named.
#include <linux/pci.h>
#include <linux/io-mapping.h>

struct vf { struct io_mapping *bf; void __iomem *uar; };

static int vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vf *v = kzalloc(sizeof(*v), GFP_KERNEL);

	v->bf = io_mapping_create_wc(pci_resource_start(pdev, 0), pci_resource_len(pdev, 0)); // expect: wc-lost-in-guest (arm64)
	v->uar = pci_iomap(pdev, 0, 0);
	if (dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64)))
		return -EIO;
	return 0;
}

static const struct pci_device_id vf_ids[] = {
	{ PCI_VDEVICE(MELLANOX, 0x101e) },
	{ }
};

static struct pci_driver vf_driver = { .name = "mlx_vf", .id_table = vf_ids, .probe = vf_probe };
