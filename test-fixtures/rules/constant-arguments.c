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
	spin_unlock(&c->lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (riscv64)
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
	spin_unlock(&c->lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (riscv64)
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

/*
 * A branch ruled out by a constant argument leaves nothing behind: no finding between two events inside it (the
 * 64-byte WC copy of cxgb4's t4_ring_sq_db() runs only `if (... && wqe)`, resume_rc_qp() passes NULL; below the
 * burst is split between caller and helper, as one wholly inside the helper is reported there), and no event
 * a caller's finding could start from (iphase's ia_open_abr_vc() takes `case 1` only for flag 1): below, a
 * `__raw_writew()` the caller's unlock does not order on powerpc64 and riscv64 runs only for some flags.
 */
struct wr_q {
	u64 __iomem *wc;
	u32 __iomem *db;
	u16 __iomem *table;
	spinlock_t lock;
};

static int wr_q_map(struct pci_dev *pdev, struct wr_q *q)
{
	q->wc = ioremap_wc(pci_resource_start(pdev, 2), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	q->db = ioremap(pci_resource_start(pdev, 0), 4096);
	q->table = ioremap(pci_resource_start(pdev, 1), 4096);
	return q->wc && q->db && q->table ? 0 : -ENOMEM;
}

/* The caller writes the header word into the WC buffer, this the work request's first word only for one slot. */
static void ring_wr(struct wr_q *q, u16 inc, const u64 *wr)
{
	if (inc == 1 && wr)
		writeq(wr[0], q->wc + 1);
	else
		writel(inc, q->db);
	wmb();
}

/* Clean: with no work request only the doorbell is written. */
static void resume_wr(struct wr_q *q, u16 inc)
{
	spin_lock(&q->lock);
	writeq(inc, q->wc);
	ring_wr(q, inc, NULL);
	spin_unlock(&q->lock);
}

/* Bad: a one-slot work request is copied with fully ordered writes. */
static void post_wr(struct wr_q *q, const u64 *wr)
{
	writeq(1, q->wc);
	ring_wr(q, 1, wr); // expect: wc-combining-defeated (arm64, powerpc64)
}

static void open_vc(struct wr_q *q, u32 vci, u8 flag)
{
	switch (flag) {
	case 1:
		__raw_writew(0x42, q->table + vci);
		break;
	case 0:
		writew(0x42, q->table + vci);
		break;
	}
}

/* Clean: the receive side never takes the untracked write. */
static void open_rx_vc(struct wr_q *q, u32 vci)
{
	spin_lock(&q->lock);
	open_vc(q, vci, 0);
	spin_unlock(&q->lock);
}

/* Bad: the transmit side does. */
static void open_tx_vc(struct wr_q *q, u32 vci)
{
	spin_lock(&q->lock);
	open_vc(q, vci, 1);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

#define VC_RFRED	0
#define VC_FFRED	1

/* Case labels that are numeric #defines, the call passing a number: case VC_FFRED writes with the tracked writew()
 * first and falls through into VC_RFRED, whose untracked write the unlock then orders with the tracked one. */
static void open_vc_named(struct wr_q *q, u32 vci, u8 flag)
{
	switch (flag) {
	case VC_FFRED:
		writew(0x42, q->table + vci);
		fallthrough;
	case VC_RFRED:
		__raw_writew(0x42, q->table + vci + 1);
		break;
	default:
		__raw_writew(0x42, q->table + vci + 2);
		break;
	}
}

/* Bad: the receive side takes only case VC_RFRED. */
static void open_rx_vc_named(struct wr_q *q, u32 vci)
{
	spin_lock(&q->lock);
	open_vc_named(q, vci, 0);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Clean: the transmit side takes VC_FFRED and falls through. */
static void open_tx_vc_named(struct wr_q *q, u32 vci)
{
	spin_lock(&q->lock);
	open_vc_named(q, vci, 1);
	spin_unlock(&q->lock);
}

/* Bad: an unknown flag takes the default. */
static void open_any_vc_named(struct wr_q *q, u32 vci)
{
	spin_lock(&q->lock);
	open_vc_named(q, vci, 7);
	spin_unlock(&q->lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Bad: the member is set to the ELS constant only after the call, so the call may see any type. */
static void issue_then_mark(struct srb *sp, u32 word)
{
	sp->q->ring[0] = word;
	start_sp(sp); // expect: missing-wmb-before-doorbell (arm64, riscv64, x86_64)
	sp->type = REQ_ELS;
}

/* Bad: set on one path only. */
static void issue_maybe_els(struct srb *sp, u32 word, bool els)
{
	if (els)
		sp->type = REQ_ELS;
	sp->q->ring[0] = word;
	start_sp(sp); // expect: missing-wmb-before-doorbell (arm64, riscv64, x86_64)
}
