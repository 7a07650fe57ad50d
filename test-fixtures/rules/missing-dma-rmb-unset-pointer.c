/* missing-dma-rmb: a descriptor word read only as an argument of a call through a function-pointer member that no
 * file ever sets (the ngene `pBufferExchange2` shape): the call, and so the read, never runs. Look-alikes still
 * reported: the same read handed to the member the driver does set, directly and through a local.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define FR_DONE		BIT(7)
#define FR_OVF		BIT(5)

struct frame_hdr { u8 flags; u8 rsvd; __le16 len; __le32 stamp; };
struct grab_chan;
typedef void (*frame_cb)(struct grab_chan *ch, u32 len, u32 stamp);
struct grab_chan {
	struct frame_hdr *ring;
	dma_addr_t ring_dma;
	unsigned int cur;
	frame_cb deliver;
	frame_cb deliver2;
	frame_cb notify_aux;
};

static void grab_deliver(struct grab_chan *ch, u32 len, u32 stamp)
{
	ch->cur = (ch->cur + len + stamp) & 15;
}

static int grab_setup(struct device *dev, struct grab_chan *ch)
{
	ch->ring = dma_alloc_coherent(dev, 16 * sizeof(*ch->ring), &ch->ring_dma, GFP_KERNEL);
	ch->deliver = grab_deliver;
	return ch->ring ? 0 : -ENOMEM;
}

/* Clean: `deliver2` and `notify_aux` are never set, so the stamp reads in their calls never run. */
static void grab_frame_aux(struct grab_chan *ch)
{
	struct frame_hdr *h = &ch->ring[ch->cur];
	frame_cb second = ch->deliver2;

	if (!(h->flags & FR_OVF))
		return;
	if (second)
		second(ch, 0, le32_to_cpu(h->stamp));
	if (ch->notify_aux)
		ch->notify_aux(ch, 0, le32_to_cpu(h->stamp));
}

/* Bug: `deliver` is set by grab_setup(), so the stamp may be read before the flags the device wrote. */
static void grab_frame(struct grab_chan *ch)
{
	struct frame_hdr *h = &ch->ring[ch->cur];
	frame_cb first = ch->deliver;

	if (!(h->flags & FR_DONE))
		return;
	if (first)
		first(ch, 0, le32_to_cpu(h->stamp)); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the same read in a call through the set member itself. */
static void grab_frame_direct(struct grab_chan *ch)
{
	struct frame_hdr *h = &ch->ring[ch->cur];

	if (!(h->flags & FR_DONE))
		return;
	if (ch->deliver)
		ch->deliver(ch, 0, le32_to_cpu(h->stamp)); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

int grab_probe(struct device *dev, struct grab_chan *ch)
{
	int err = grab_setup(dev, ch);

	if (err)
		return err;
	grab_frame(ch);
	grab_frame_direct(ch);
	grab_frame_aux(ch);
	return 0;
}
