/* Probe: BAR 0 is the register window (uncached), BAR 2 the doorbell window, mapped write-combining. */
#include "hwc.h"

int hwc_map_bars(struct hwc_dev *cdev)
{
	cdev->regview = pci_ioremap_bar(cdev->pdev, 0);
	if (!cdev->regview)
		return -ENOMEM;
	cdev->doorbells = ioremap_wc(pci_resource_start(cdev->pdev, 2), pci_resource_len(cdev->pdev, 2));
	if (!cdev->doorbells)
		return -ENOMEM;
	return 0;
}
