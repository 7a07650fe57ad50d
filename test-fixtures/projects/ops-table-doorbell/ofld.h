/* An offload driver whose connection doorbell comes from a core module through an ops table (after qedi/qed).
 * fixture-rules: redundant-barrier */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct ofld_ops {
	/* The core module fills *db with a pointer into its own (write-combining) doorbell BAR. */
	int (*acquire_conn)(void *cdev, u32 *cid, void __iomem **db);
};

struct ofld_ep {
	u32 *sq;
	dma_addr_t sq_dma;
	u32 cid;
	u32 prod;
	void __iomem *p_doorbell;
	void __iomem *ctrl;
	void __iomem *aux;
};

extern const struct ofld_ops *ofld_ops;

void ofld_ring_doorbell(struct ofld_ep *ep);
void ofld_ring_local(struct ofld_ep *ep);
void ofld_ctrl_kick(struct ofld_ep *ep);
void ofld_aux_kick(struct ofld_ep *ep);
