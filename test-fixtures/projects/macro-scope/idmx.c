/* Two drivers in one directory define a register macro of the same name (chan_writel) differently: a call resolves to
 * the definition its own file and headers give, never to the other driver's.
 * fixture-rules: mmio-unordered-with-unlock */
#include "idmx.h"

int idmx_probe(struct idmx_chan *c, phys_addr_t bar)
{
	c->regs = ioremap(bar, 4096);
	return 0;
}

/* Clean: this driver's chan_writel is writel(), so spin_unlock runs mmiowb(); txdmac.c's is __raw_writel. */
void idmx_resume(struct idmx_chan *c)
{
	spin_lock(&c->lock);
	chan_writel(c, CFG, 1);
	spin_unlock(&c->lock);
}

/* Clean: txdmac.c's static txd_kick() cannot be the function this file calls (it is declared elsewhere). */
void idmx_kick(struct idmx_chan *c)
{
	spin_lock(&c->lock);
	txd_kick(c);
	spin_unlock(&c->lock);
}

/* Bug in this driver: a raw write of its own under the lock. */
void idmx_suspend(struct idmx_chan *c)
{
	spin_lock(&c->lock);
	__raw_writel(0, c->regs + IDMX_CFG);
	spin_unlock(&c->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Bug: with CONFIG_IDMX_FIFO the call is idmx_fifo.c's raw write, not the header's empty stub. */
void idmx_flush(struct idmx_chan *c)
{
	spin_lock(&c->lock);
	idmx_fifo_kick(c);
	spin_unlock(&c->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
