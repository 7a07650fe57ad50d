// SPDX-License-Identifier: GPL-2.0
/* The PCI card of dtwrap (see dtwrap_plat.c): it creates the "dtwrap" platform device on any architecture with PCI. */
#include <linux/pci.h>
#include <linux/platform_device.h>

static int dtwrap_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct platform_device_info info = { .parent = &pdev->dev, .name = "dtwrap", .id = PLATFORM_DEVID_AUTO };

	return PTR_ERR_OR_ZERO(platform_device_register_full(&info));
}

static const struct pci_device_id dtwrap_pci_ids[] = {
	{ PCI_DEVICE(0x1234, 0x5679) },
	{ }
};
MODULE_DEVICE_TABLE(pci, dtwrap_pci_ids);

static struct pci_driver dtwrap_pci_driver = {
	.name = "dtwrap_pci",
	.id_table = dtwrap_pci_ids,
	.probe = dtwrap_pci_probe,
};
module_pci_driver(dtwrap_pci_driver);
