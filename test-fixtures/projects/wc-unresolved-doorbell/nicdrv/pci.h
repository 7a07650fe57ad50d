/* A NIC driver's local header named like the PCI core's: including a header of the same name does not make two
 * files one driver. fixture-rules: redundant-barrier */
#include <linux/io.h>

struct nicq { u32 *ring; u16 prod; };

void nicq_ring(struct nicq *q, void __iomem *db);
