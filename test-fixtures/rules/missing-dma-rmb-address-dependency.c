/* missing-dma-rmb: a request frame reached through the tag of a reply entry (the reply entry is the hand-over; the
 * frame's loads are address-dependent on the tag's read), beside ring walks whose status word is the hand-over.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>

#define REPLY_UNUSED	0xffff
#define RING_DONE	0x1

struct reply_desc { __le16 flags; __le16 tag; __le32 words; };
struct req_frame { u8 status; u8 ex_status; __le16 dev; __le32 len; };
struct ring_desc { __le16 status; __le16 len; __le32 tag; };
struct xcmd { struct req_frame *frame; unsigned int index; };

struct xctl {
	struct dma_pool *reply_pool;
	struct reply_desc *reply_q[4];		/* elements from dma_pool_alloc() */
	dma_addr_t reply_dma[4];
	struct reply_desc *events;		/* one dma_alloc_coherent() ring */
	dma_addr_t events_dma;
	unsigned int last[4], next_event;
	struct req_frame *frames;		/* the request frames, filled by the device on completion */
	dma_addr_t frames_dma;
	struct ring_desc *ring;
	dma_addr_t ring_dma;
	unsigned int ntc;
	struct xcmd *cmds[64];
	u32 result, errors, bytes;
};

static int xctl_alloc(struct device *dev, struct xctl *x, int q)
{
	x->reply_q[q] = dma_pool_alloc(x->reply_pool, GFP_KERNEL, &x->reply_dma[q]);
	x->events = dma_alloc_coherent(dev, 4096, &x->events_dma, GFP_KERNEL);
	x->frames = dma_alloc_coherent(dev, 4096, &x->frames_dma, GFP_KERNEL);
	x->ring = dma_alloc_coherent(dev, 4096, &x->ring_dma, GFP_KERNEL);
	return x->reply_q[q] && x->events && x->frames && x->ring ? 0 : -ENOMEM;
}

static void xcmd_init(struct xctl *x, struct xcmd *c, unsigned int i)
{
	c->frame = &x->frames[i];
	c->index = i;
}

/*
 * Clean: the reply entry (an element of a dma_pool_alloc() array) is the hand-over (flags, then dma_rmb()) and names
 * the command; its frame is reached through the tag, so status and ex_status are read after the entry on every
 * architecture, and neither is a hand-over to fence against the other.
 */
static int xctl_complete(struct xctl *x, u32 q)
{
	struct reply_desc *desc = x->reply_q[q] + x->last[q];
	struct req_frame *frame;
	struct xcmd *c;
	u16 tag;
	u8 status, ex;
	int n = 0;

	while (le16_to_cpu(desc->flags) != REPLY_UNUSED) {
		dma_rmb();
		tag = le16_to_cpu(desc->tag);
		c = x->cmds[tag - 1];
		frame = c->frame;
		status = frame->status;
		ex = frame->ex_status;
		if (status)
			x->errors = ex;
		desc->flags = cpu_to_le16(REPLY_UNUSED);
		desc++;
		n++;
	}
	return n;
}

/* Clean: the same through one coherent ring (a pointer member), the frame indexed by the tag directly. */
static void xctl_event(struct xctl *x)
{
	struct reply_desc *ev = &x->events[x->next_event];
	struct req_frame *frame;
	u32 idx;

	if (le16_to_cpu(ev->flags) == REPLY_UNUSED)
		return;
	dma_rmb();
	idx = le32_to_cpu(ev->words) & 63;
	frame = &x->frames[idx];
	if (frame->status)
		x->errors = le32_to_cpu(frame->len);
}

/* Bug: a ring walk: the descriptor is found by the CPU's own cursor, and its status word is the hand-over. */
static int xctl_ring_clean(struct xctl *x)
{
	struct ring_desc *d = &x->ring[x->ntc];
	int n = 0;

	while (le16_to_cpu(d->status) & RING_DONE) {
		x->bytes += le16_to_cpu(d->len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		d->status = 0;
		x->ntc = (x->ntc + 1) & 63;
		d = &x->ring[x->ntc];
		n++;
	}
	return n;
}

/* Bug: the frame is reached through the CPU's cursor, not the entry: its status is polled as the hand-over. */
static void xctl_poll_frame(struct xctl *x)
{
	struct reply_desc *ev = &x->events[x->next_event];
	struct req_frame *frame;
	u32 idx;

	if (le16_to_cpu(ev->flags) == REPLY_UNUSED)
		return;
	dma_rmb();
	idx = x->next_event;
	frame = &x->frames[idx];
	if (frame->status)
		x->errors = le32_to_cpu(frame->len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the index is chosen by a comparison with the entry's word (a control dependency, which orders no load). */
static void xctl_pick_frame(struct xctl *x)
{
	struct reply_desc *ev = &x->events[x->next_event];
	struct req_frame *frame;
	u32 idx;

	if (le16_to_cpu(ev->flags) == REPLY_UNUSED)
		return;
	dma_rmb();
	idx = le32_to_cpu(ev->words) > 32 ? 1 : 0;
	frame = &x->frames[idx];
	if (frame->status)
		x->errors = le32_to_cpu(frame->len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the tag is a word the entry's own status gates, but the frame is reached by the cursor on one path. */
static void xctl_either_frame(struct xctl *x, bool polled)
{
	struct reply_desc *ev = &x->events[x->next_event];
	struct req_frame *frame;
	u32 idx;

	if (le16_to_cpu(ev->flags) == REPLY_UNUSED)
		return;
	dma_rmb();
	idx = le32_to_cpu(ev->words) & 63;
	if (polled)
		idx = x->ntc;
	frame = &x->frames[idx];
	if (frame->status)
		x->errors = le32_to_cpu(frame->len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
