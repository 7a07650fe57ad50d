/* idmx's optional FIFO part (fixture-rules as in idmx.c). */
#include "idmx.h"

void idmx_fifo_kick(struct idmx_chan *c)
{
	__raw_writel(1, c->regs + 0x20);
}
