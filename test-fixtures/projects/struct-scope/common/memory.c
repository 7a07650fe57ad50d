#include "habanalabs.h"
#include <linux/io.h>

/* Bug: a read-back through the WC BAR that gaudi/gaudi.c mapped, with the write before it not flushed. */
u32 hl_read_status(struct hl_device *hdev)
{
	writel(1, hdev->wc_bar);
	return readl(hdev->wc_bar + 0x10); // expect: wc-read (arm64, x86_64)
}

/* Clean: registers through the uncached mapping. */
u32 hl_read_ok(struct hl_device *hdev)
{
	return readl(hdev->regs + 0x10);
}
