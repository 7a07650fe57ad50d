/* Hint: the mapping is not resolved either, but the driver maps nothing write-combining. */
#include "ucdrv.h"

void ucq_ring(struct ucq *q, void __iomem *db)
{
	q->ring[q->prod & 63] = 1;
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	writel(q->prod, db);
}
