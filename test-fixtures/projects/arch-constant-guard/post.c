/* A WC burst then a relaxed register write: arm64 orders nothing between them (missing-wc-flush), but only where the
 * WC mapping exists. */
#include "hw.h"

/* Clean: onchip_kva is mapped only on x86_64 and powerpc64 (onchip_supported returns 0 elsewhere). */
void hw_post_onchip(struct hw_dev *dev, const u64 *wqe)
{
	__iowrite64_copy(dev->onchip_kva, wqe, 8);
	writel_relaxed(1, dev->regs + 0x40);
}

/* Bad: the look-alike's mapping exists on arm64 too. */
void hw_post_wc(struct hw_dev *dev, const u64 *wqe)
{
	__iowrite64_copy(dev->wc_kva, wqe, 8);
	writel_relaxed(1, dev->regs + 0x40); // expect: missing-wc-flush (arm64)
}
