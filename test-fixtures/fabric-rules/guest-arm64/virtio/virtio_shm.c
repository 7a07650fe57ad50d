// Clean: the same guest, but this driver's device is virtio (emulated by the VMM, not assigned), so its WC mapping
// of the shared-memory BAR keeps its stage-1 attributes on RAM-backed memory.
#include <linux/pci.h>

static int shm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	void __iomem *shm = pci_iomap_wc(pdev, 4, 0);

	return shm ? 0 : -ENOMEM;
}

static const struct pci_device_id shm_ids[] = { { PCI_DEVICE(PCI_VENDOR_ID_REDHAT_QUMRANET, 0x1041) }, { } };

static struct pci_driver shm_driver = { .name = "virtio_shm", .id_table = shm_ids, .probe = shm_probe };
