/* qlg maps its doorbell BAR write-combining (fixture-rules as in qlg.h). */
#include "qlg.h"

int qlg_probe(struct qlg_dev *cdev, phys_addr_t bar)
{
	cdev->doorbells = ioremap_wc(bar, 4096);
	return 0;
}
