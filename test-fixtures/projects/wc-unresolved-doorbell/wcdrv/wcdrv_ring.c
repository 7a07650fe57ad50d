/* Clean: the doorbell's mapping is not resolved (a parameter), and the driver maps device memory write-combining,
 * which it may be: on x86_64 writel() to it does not order the ring store, the wmb() does. */
#include "wcdrv.h"

void wcq_ring(struct wcq *q, void __iomem *db)
{
	q->ring[q->prod & 63] = 1;
	wmb();
	writel(q->prod, db);
}
