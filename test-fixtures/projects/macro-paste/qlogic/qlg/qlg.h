/* Another driver's doorbell macro of the same name (qed's DOORBELL(), a writel() to a write-combined BAR).
 * fixture-rules: redundant-barrier */
#include <linux/io.h>

struct qlg_dev { void __iomem *doorbells; };

#define DOORBELL(cdev, db_addr, val) writel((u32)(val), (cdev)->doorbells + (db_addr))

#define RING_KICK(db) writel(1, (db))
