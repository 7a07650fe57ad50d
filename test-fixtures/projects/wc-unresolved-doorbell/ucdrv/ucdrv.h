/* The same shape in a driver that maps nothing write-combining. fixture-rules: redundant-barrier */
#include <linux/io.h>
#include <linux/pci.h>

struct ucq { u32 *ring; u16 prod; };
struct ucdev { struct pci_dev *pdev; void __iomem *db_bar; };

int ucdev_map(struct ucdev *ud);
void ucq_ring(struct ucq *q, void __iomem *db);
