/* Another driver of the same directory: its chan_writel is a raw write (fixture-rules as in idmx.c). */
#include <linux/io.h>
#include <linux/spinlock.h>

struct txd_chan { void __iomem *regs; spinlock_t lock; };

#define chan_writel(dc, reg, v) __raw_writel((v), (dc)->regs + (reg))

int txd_probe(struct txd_chan *dc, phys_addr_t bar)
{
	dc->regs = ioremap(bar, 4096);
	return 0;
}

static void txd_kick(struct txd_chan *dc)
{
	__raw_writel(1, dc->regs + 8);
}

/* Bug: this driver's chan_writel is unordered against the unlock. */
void txd_start(struct txd_chan *dc)
{
	spin_lock(&dc->lock);
	chan_writel(dc, 0x10, 1);
	spin_unlock(&dc->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Bug: through its own static helper. */
void txd_ring(struct txd_chan *dc)
{
	spin_lock(&dc->lock);
	txd_kick(dc);
	spin_unlock(&dc->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
