/* idmx's own register helpers: chan_writel is a writel() (tracked), through an inline function of this header. */
#include <linux/io.h>
#include <linux/spinlock.h>

struct idmx_chan { void __iomem *regs; spinlock_t lock; };

#define IDMX_CFG 0x40

static inline void idmx_chan_write(struct idmx_chan *c, int off, u32 v)
{
	writel(v, c->regs + off);
}

#define chan_writel(c, reg, v) idmx_chan_write(c, IDMX_##reg, (v))

/* The FIFO part is built only with its config option; otherwise a stub stands in (the real one is in idmx_fifo.c). */
#ifdef CONFIG_IDMX_FIFO
void idmx_fifo_kick(struct idmx_chan *c);
#else
static inline void idmx_fifo_kick(struct idmx_chan *c)
{
}
#endif
