/* missing-dma-rmb: a descriptor word read only to be passed as an argument that no callee reads (ngene's
 * `Cur->ngeneBuffer.SR.Clock`, handed to the `pBufferExchange` functions, which all ignore `clock`): a stale value
 * reaches nothing. Look-alikes still reported: a member one of whose functions reads the argument, a direct call of
 * a function that reads it, and the read used in an expression.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define SLOT_DONE	BIT(7)

struct slot_hdr { u8 flags; u8 rsvd; __le16 len; __le32 stamp; };
struct cap_chan;
typedef void (*slot_cb)(struct cap_chan *ch, u32 len, u32 stamp);
struct cap_chan {
	struct slot_hdr *ring;
	dma_addr_t ring_dma;
	unsigned int cur;
	u32 last;
	slot_cb exchange;
	slot_cb timed;
};

/* Neither function stored in `exchange` reads its third argument. */
static void cap_exchange_in(struct cap_chan *ch, u32 len, u32 stamp)
{
	ch->cur = (ch->cur + len) & 15;
}

static void cap_exchange_out(struct cap_chan *ch, u32 len, u32 clock)
{
	ch->cur = (ch->cur + 1) & 15; /* clock: unused by the output side */
}

/* `timed` is set to a function that does read it. */
static void cap_timed(struct cap_chan *ch, u32 len, u32 stamp)
{
	ch->last = stamp;
}

static void cap_note(struct cap_chan *ch, u32 stamp)
{
	ch->last = stamp;
}

static void cap_count(struct cap_chan *ch, u32 stamp)
{
	ch->cur++;
}

static int cap_setup(struct device *dev, struct cap_chan *ch, bool out)
{
	ch->ring = dma_alloc_coherent(dev, 16 * sizeof(*ch->ring), &ch->ring_dma, GFP_KERNEL);
	if (out)
		ch->exchange = cap_exchange_out;
	else
		ch->exchange = cap_exchange_in;
	ch->timed = cap_timed;
	return ch->ring ? 0 : -ENOMEM;
}

static void cap_teardown(struct cap_chan *ch)
{
	ch->exchange = NULL;
}

/* Clean: the stamp goes only where no function reads it, through the member, through a local and directly. */
static void cap_slot(struct cap_chan *ch)
{
	struct slot_hdr *h = &ch->ring[ch->cur];
	slot_cb xch = ch->exchange;

	if (!(h->flags & SLOT_DONE))
		return;
	if (ch->exchange)
		ch->exchange(ch, 0, le32_to_cpu(h->stamp));
	if (xch)
		xch(ch, 0, (u32)le32_to_cpu(h->stamp));
	cap_count(ch, le32_to_cpu(h->stamp));
}

/* Bug: `timed` reads the stamp. */
static void cap_slot_timed(struct cap_chan *ch)
{
	struct slot_hdr *h = &ch->ring[ch->cur];

	if (!(h->flags & SLOT_DONE))
		return;
	ch->timed(ch, 0, le32_to_cpu(h->stamp)); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: a direct call of a function that keeps the stamp. */
static void cap_slot_note(struct cap_chan *ch)
{
	struct slot_hdr *h = &ch->ring[ch->cur];

	if (!(h->flags & SLOT_DONE))
		return;
	cap_note(ch, le32_to_cpu(h->stamp)); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the stamp used in an expression, although the callee ignores the argument. */
static void cap_slot_sum(struct cap_chan *ch)
{
	struct slot_hdr *h = &ch->ring[ch->cur];

	if (!(h->flags & SLOT_DONE))
		return;
	ch->last = le32_to_cpu(h->stamp) + 1; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	cap_count(ch, ch->last);
}

int cap_probe(struct device *dev, struct cap_chan *ch)
{
	int err = cap_setup(dev, ch, false);

	if (err)
		return err;
	cap_slot(ch);
	cap_slot_timed(ch);
	cap_slot_note(ch);
	cap_slot_sum(ch);
	cap_teardown(ch);
	return 0;
}
