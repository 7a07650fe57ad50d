/* Fast path: SQ entries in coherent memory, then the doorbell. */
#include "ofld.h"

/* Clean: p_doorbell came from ops->acquire_conn(&ep->p_doorbell), possibly a WC mapping; the wmb() may be needed. */
void ofld_ring_doorbell(struct ofld_ep *ep)
{
	ep->sq[ep->prod & 63] = ep->cid;
	wmb();
	writel(ep->prod, ep->p_doorbell);
}

/* Clean: the same doorbell through a local. */
void ofld_ring_local(struct ofld_ep *ep)
{
	void __iomem *db = ep->p_doorbell;

	ep->sq[ep->prod & 63] = ep->cid;
	wmb();
	writel(ep->prod, db);
}

/* Hint: ctrl is only ever ioremap()ed (readl(&regs->ctrl) in ofld_conn.c reads a register of another struct, and
 * &peer->ctrl handed to the ops table is struct ofld_peer's), so writel()
 * already orders the SQ store. */
void ofld_ctrl_kick(struct ofld_ep *ep)
{
	ep->sq[ep->prod & 63] = ep->cid;
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	writel(ep->prod, ep->ctrl);
}

/* Hint: aux's address goes only to the driver's own ofld_map(), which ioremap()s it; not memory from elsewhere. */
void ofld_aux_kick(struct ofld_ep *ep)
{
	ep->sq[ep->prod & 63] = ep->cid;
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	writel(ep->prod, ep->aux);
}
