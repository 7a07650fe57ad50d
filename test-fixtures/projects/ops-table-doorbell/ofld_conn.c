/* Connection setup: the doorbell pointer is filled through the ops table, the control window is ioremap()ed here. */
#include "ofld.h"

/* The driver's own helper: the pointer it stores through its argument is an ioremap(), code the analysis sees. */
static int ofld_map(phys_addr_t bar, void __iomem **ptr)
{
	*ptr = ioremap(bar, 4096);
	return *ptr ? 0 : -ENOMEM;
}

int ofld_connect(struct device *dev, void *cdev, struct ofld_ep *ep, phys_addr_t ctrl_bar)
{
	ep->sq = dma_alloc_coherent(dev, 4096, &ep->sq_dma, GFP_KERNEL);
	if (!ep->sq)
		return -ENOMEM;
	ep->ctrl = ioremap(ctrl_bar, 4096);
	if (ofld_map(ctrl_bar + 4096, &ep->aux))
		return -ENOMEM;
	return ofld_ops->acquire_conn(cdev, &ep->cid, &ep->p_doorbell);
}

/* A register overlay with a member of the same name: readl() of its address stores no pointer into ep->ctrl. */
struct ofld_regs { u32 ctrl; };

u32 ofld_ctrl_status(struct ofld_regs __iomem *regs)
{
	return readl(&regs->ctrl);
}

/* Another struct's member of the same name goes to the ops table: it says nothing of ofld_ep's ctrl. */
struct ofld_peer { void __iomem *ctrl; };

int ofld_peer_attach(void *cdev, struct ofld_peer *peer, u32 *cid)
{
	return ofld_ops->acquire_conn(cdev, cid, &peer->ctrl);
}
