/* missing-dma-rmb: completion callbacks, called only through a pointer after their dispatcher saw the completion,
 * beside event entries (interrupt handler, ops-table ring walker) that look the same but discover completions.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>

struct crq_entry { u8 valid; u8 format; __be16 status; __be64 ioba; };
struct mad_rsp { __be16 status; __be16 error; __be32 flags; __be32 max_cmds; __be32 count; };
struct host;
struct evt { struct host *host; struct mad_rsp *rsp; void (*done)(struct evt *evt); };
struct host {
	struct crq_entry *crq; dma_addr_t crq_dma; unsigned int cur;
	struct mad_rsp *rsps; dma_addr_t rsps_dma;
	struct evt evts[16];
	u32 max_cmds, count, errors;
};

static int host_alloc(struct device *dev, struct host *h)
{
	int i;

	h->crq = dma_alloc_coherent(dev, 4096, &h->crq_dma, GFP_KERNEL);
	h->rsps = dma_alloc_coherent(dev, 4096, &h->rsps_dma, GFP_KERNEL);
	if (!h->crq || !h->rsps)
		return -ENOMEM;
	for (i = 0; i < 16; i++) {
		h->evts[i].host = h;
		h->evts[i].rsp = &h->rsps[i];
	}
	return 0;
}

static void evt_init(struct evt *e, void (*done)(struct evt *))
{
	e->done = done;
}

/* The dispatcher: the CRQ entry's valid byte is the hand-over, fenced before the event's callback runs. */
static void host_dispatch(struct host *h)
{
	struct crq_entry *c = &h->crq[h->cur];

	while (c->valid & 0x80) {
		struct evt *e;

		rmb();
		e = &h->evts[be64_to_cpu(c->ioba) & 15];
		c->valid = 0;
		h->cur = (h->cur + 1) & 255;
		e->done(e);
		c = &h->crq[h->cur];
	}
}

/* A static helper called only from a completion callback: its reads are the callback's. */
static void login_log_error(struct evt *e)
{
	struct mad_rsp *rsp = e->rsp;

	if (be16_to_cpu(rsp->status) & 0x10)
		e->host->errors = be16_to_cpu(rsp->error);
}

/* Clean: a completion callback, never called by name: its response was written before the CRQ entry was posted. */
static void login_done(struct evt *e)
{
	struct mad_rsp *rsp = e->rsp;

	if (!(be32_to_cpu(rsp->flags) & 0x1)) {
		login_log_error(e);
		return;
	}
	e->host->max_cmds = be32_to_cpu(rsp->max_cmds);
}

static void login_send(struct host *h)
{
	evt_init(&h->evts[0], login_done);
}

/* Clean: the same callback shape, named in a table instead of an argument (a discovery state machine's action). */
static u32 plogi_cmpl(struct host *h, struct evt *e, void *arg, u32 event)
{
	struct mad_rsp *rsp = e->rsp;

	if (be16_to_cpu(rsp->status))
		return event;
	h->count = be32_to_cpu(rsp->count);
	return 0;
}

static u32 (*disc_action[1])(struct host *, struct evt *, void *, u32) = { plogi_cmpl };

/* Bug: an interrupt handler is also called only through a pointer, but it discovers the completion itself. */
static irqreturn_t mbox_irq(int irq, void *data)
{
	struct host *h = data;
	struct mad_rsp *rsp = &h->rsps[0];

	if (!(be16_to_cpu(rsp->status) & 0x8000))
		return IRQ_NONE;
	h->count = be32_to_cpu(rsp->count); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	return IRQ_HANDLED;
}

static int mbox_setup(struct host *h, int irq)
{
	return request_irq(irq, mbox_irq, 0, "mbox", h);
}

/* Bug: an ops-table function walking the ring: its status word is read in a loop, so it is the hand-over. */
static int ring_receive(struct host *h, unsigned int budget)
{
	int n = 0;

	for (; n < budget; n++) {
		struct mad_rsp *rsp = &h->rsps[h->cur];

		if (!(be16_to_cpu(rsp->status) & 0x1))
			break;
		h->count += be32_to_cpu(rsp->count); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		h->cur = (h->cur + 1) & 255;
	}
	return n;
}

/* Bug: called only through a pointer, but it hands the entry back (a store to it): a consumer, not a callback. */
static int ring_take(struct host *h)
{
	struct mad_rsp *rsp = &h->rsps[h->cur];
	u32 count;

	if (!(be16_to_cpu(rsp->status) & 0x1))
		return 0;
	count = be32_to_cpu(rsp->count); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	rsp->status = 0;
	return count;
}

struct ring_ops { int (*receive)(struct host *h, unsigned int budget); int (*take)(struct host *h); };
static const struct ring_ops host_ring_ops = { .receive = ring_receive, .take = ring_take };

/* Bug: the same body as login_done(), but called by name: nothing says a completion was seen before. */
static void status_check(struct evt *e)
{
	struct mad_rsp *rsp = e->rsp;

	if (!(be32_to_cpu(rsp->flags) & 0x1))
		return;
	e->host->max_cmds = be32_to_cpu(rsp->max_cmds); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

static void host_poke(struct host *h)
{
	status_check(&h->evts[1]);
}
