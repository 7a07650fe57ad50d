#include "../common/habanalabs.h"
#include <linux/io.h>

int gaudi_map(struct hl_device *hdev, phys_addr_t bar)
{
	hdev->wc_bar = ioremap_wc(bar, 1 << 20);
	hdev->regs = ioremap(bar + (1 << 20), 4096);
	return 0;
}
