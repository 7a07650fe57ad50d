// SPDX-License-Identifier: GPL-2.0
/* The PCI half of dtmixed (see dtmixed_ring.c): binds on any architecture with PCI. */
#include <linux/pci.h>

static int dtmixed_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return 0;
}

static const struct pci_device_id dtmixed_pci_ids[] = {
	{ PCI_DEVICE(0x1234, 0x5678) },
	{ }
};
MODULE_DEVICE_TABLE(pci, dtmixed_pci_ids);

static struct pci_driver dtmixed_pci_driver = {
	.name = "dtmixed",
	.id_table = dtmixed_pci_ids,
	.probe = dtmixed_pci_probe,
};
module_pci_driver(dtmixed_pci_driver);
