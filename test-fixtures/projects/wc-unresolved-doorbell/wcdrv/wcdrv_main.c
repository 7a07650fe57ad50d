/* Probe: the doorbell BAR is mapped write-combining. */
#include "wcdrv.h"

int wcdev_map(struct wcdev *wd)
{
	wd->db_bar = pci_iomap_wc(wd->pdev, 2, 0);
	return wd->db_bar ? 0 : -ENOMEM;
}
