/* The driver's structures (fixture-rules: mmio-unordered-with-unlock, as in main.c). */
#include <linux/io.h>
#include <linux/spinlock.h>

struct nic { void __iomem *membase; spinlock_t biu_lock; };
