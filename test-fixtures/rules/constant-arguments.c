/* A helper inlined with constant arguments takes only the branches those constants allow (hfi1_put_tid(), chip.c:9956-9964:
 * the WC entry is flushed only `if (type == PT_EAGER || ...)`; qla2x00_start_sp() switches on the request type).
 * fixture-rules: all */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/dma-mapping.h>

#define PT_EXPECTED	0
#define PT_EAGER	1

struct rcv_ctxt {
	void __iomem *rcvarray_wc;
	spinlock_t lock;
};

static int rcv_map(struct pci_dev *pdev, struct rcv_ctxt *c)
{
	c->rcvarray_wc = ioremap_wc(pci_resource_start(pdev, 0), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	return c->rcvarray_wc ? 0 : -ENOMEM;
}

static void put_tid(struct rcv_ctxt *c, u32 index, u32 type, u64 reg)
{
	__raw_writeq(reg, c->rcvarray_wc + index * 8);
	if (type == PT_EAGER || (index & 3) == 3)
		wmb();
}

/* Clean: PT_EAGER always takes the flushing branch. */
static void setup_eager(struct rcv_ctxt *c, u64 reg)
{
	spin_lock(&c->lock);
	put_tid(c, 8, PT_EAGER, reg);
	spin_unlock(&c->lock);
}

/* Bad: an expected entry at index 8 is not flushed (index & 3 is 0), and the lock is released. */
static void setup_expected(struct rcv_ctxt *c, u64 reg)
{
	spin_lock(&c->lock);
	put_tid(c, 8, PT_EXPECTED, reg);
	spin_unlock(&c->lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Clean: the fourth expected entry is flushed too. */
static void setup_expected_fourth(struct rcv_ctxt *c, u64 reg)
{
	spin_lock(&c->lock);
	put_tid(c, 7, PT_EXPECTED, reg);
	spin_unlock(&c->lock);
}

/* Bad: the index is not known here, so the unflushed branch stays possible. */
static void setup_expected_any(struct rcv_ctxt *c, u32 i, u64 reg)
{
	spin_lock(&c->lock);
	put_tid(c, i, PT_EXPECTED, reg);
	spin_unlock(&c->lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* A request-type switch: only the legacy type rings the doorbell without ordering the coherent IOCB. */
enum req_type { REQ_LEGACY, REQ_ELS };

struct req_q {
	u32 *ring;
	dma_addr_t ring_dma;
	void __iomem *db;
};

static int req_q_alloc(struct device *dev, struct req_q *q)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->ring_dma, GFP_KERNEL);
	return q->ring ? 0 : -ENOMEM;
}

static void start_req(struct req_q *q, enum req_type type)
{
	switch (type) {
	case REQ_LEGACY:
		writel_relaxed(1, q->db);
		break;
	case REQ_ELS:
	default:
		wmb();
		writel_relaxed(1, q->db);
		break;
	}
}

/* Clean: an ELS request never takes the legacy case. */
static void post_els(struct req_q *q, u32 word)
{
	q->ring[0] = word;
	start_req(q, REQ_ELS);
}

/* Bad: the legacy case rings with no barrier after the IOCB store. */
static void post_legacy(struct req_q *q, u32 word)
{
	q->ring[0] = word;
	start_req(q, REQ_LEGACY); // expect: missing-wmb-before-doorbell (arm64, riscv64, x86_64)
}

/* The same switch on a member the caller set to a constant (qla2x00_start_sp() switches on sp->type). */
struct srb {
	enum req_type type;
	struct req_q *q;
};

static void start_sp(struct srb *sp)
{
	switch (sp->type) {
	case REQ_LEGACY:
		writel_relaxed(1, sp->q->db);
		break;
	default:
		wmb();
		writel_relaxed(1, sp->q->db);
		break;
	}
}

/* Clean: the caller made this an ELS request. */
static void issue_els(struct srb *sp, u32 word)
{
	sp->type = REQ_ELS;
	sp->q->ring[0] = word;
	start_sp(sp);
}

/* Bad: the type is whatever the request came with, so the legacy case stays possible. */
static void issue_any(struct srb *sp, u32 word)
{
	sp->q->ring[0] = word;
	start_sp(sp); // expect: missing-wmb-before-doorbell (arm64, riscv64, x86_64)
}
