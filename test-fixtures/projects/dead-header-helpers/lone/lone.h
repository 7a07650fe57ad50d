/* A header no analysed file includes (fixture-rules as in main.c): its helper may be called from outside, so kept. */
#include <linux/io.h>
#include <linux/spinlock.h>

struct lone { void __iomem *regs; spinlock_t lock; };

static inline void lone_poke(struct lone *l, u32 v)
{
	l->regs = ioremap(0x1000, 4096);
	spin_lock(&l->lock);
	__raw_writel(v, l->regs);
	spin_unlock(&l->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
