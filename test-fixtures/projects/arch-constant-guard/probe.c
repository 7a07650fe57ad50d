/* Mappings under a per-target constant helper (onchip_supported: arm64 and riscv64 never map) and under one that is
 * not constant (wc_supported). */
#include "hw.h"

int hw_map(struct pci_dev *pdev, struct hw_dev *dev, const struct hw_info *info, int old_chip)
{
	dev->regs = pci_iomap(pdev, 0, 0);
	if (!old_chip) {
		dev->onchip_kva = NULL;
	} else if (onchip_supported(info)) {
		dev->onchip_kva = ioremap_wc(pci_resource_start(pdev, 2), info->onchip_size);
	}
	if (wc_supported(info))
		dev->wc_kva = ioremap_wc(pci_resource_start(pdev, 4), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	return 0;
}
