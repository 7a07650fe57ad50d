#include "dev.h"

static void dev_poke2(void __iomem *p)
{
	writel(1, p);
}

static void dev_poke1(void __iomem *p)
{
	wmb();
	dev_poke2(p);
}

/* Checked first in sorted order: dev_poke2() asks for `regs` through two bound parameters, where the copies below are
 * cut short by the depth limit; that answer belongs to that question, not to the member's (asked at depth 1). */
int dev_setup(struct device *dv, struct dev *d, phys_addr_t bar)
{
	void __iomem *a = ioremap(bar, 64);
	void __iomem *b = a;
	void __iomem *c = b;
	void __iomem *regs = c;

	d->ring = dma_alloc_coherent(dv, 4096, &d->ring_dma, GFP_KERNEL);
	d->shadow = kzalloc(64, GFP_KERNEL);
	dev_poke1(regs);
	d->regs = regs;
	return 0;
}
