/* Hint: the doorbell's mapping is not resolved and this driver maps nothing write-combining (the PCI core's WC mapping
 * is in another driver whose header has the same name). */
#include "pci.h"

void nicq_ring(struct nicq *q, void __iomem *db)
{
	q->ring[q->prod & 63] = 1;
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	writel(q->prod, db);
}
