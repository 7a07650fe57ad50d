/* Probe: the doorbell BAR is mapped uncached. */
#include "ucdrv.h"

int ucdev_map(struct ucdev *ud)
{
	ud->db_bar = pci_iomap(ud->pdev, 2, 0);
	return ud->db_bar ? 0 : -ENOMEM;
}
