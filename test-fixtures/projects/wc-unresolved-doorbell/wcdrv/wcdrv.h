/* A driver whose doorbell page reaches the fast path through an exported function's parameter (no caller in the
 * analysed files), and which maps its doorbell BAR write-combining elsewhere.
 * fixture-rules: redundant-barrier */
#include <linux/io.h>
#include <linux/pci.h>

struct wcq { u32 *ring; u16 prod; };
struct wcdev { struct pci_dev *pdev; void __iomem *db_bar; };

int wcdev_map(struct wcdev *wd);
void wcq_ring(struct wcq *q, void __iomem *db);
