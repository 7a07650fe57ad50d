#include "dev.h"

void dev_load(struct dev *d, const void *buf)
{
	if (readl(d->regs + 64))
		memcpy(d->regs, buf, 64); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
}

/* Clean look-alike: the same copy into the driver's shadow, plain kernel memory. */
void dev_save(struct dev *d, const void *buf)
{
	if (readl(d->regs + 64))
		memcpy(d->shadow, buf, 64);
}
