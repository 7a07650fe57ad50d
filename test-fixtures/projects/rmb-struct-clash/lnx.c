/* Two drivers each with a `struct netdev_private` (as fealnx.c, sundance.c, hamachi.c in drivers/net/ethernet): in
 * this one `cur_rx` points to a descriptor whose `skbuff` and `next_logical` are the CPU's own pointers; the other's
 * `cur_rx` is an index. The struct type of `np->cur_rx` may come from the wrong driver; the reader's file still says
 * that every `skbuff` and `next_logical` it declares is a pointer.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

struct lnx_desc {
	__le32 status;
	__le32 control;
	__le32 buffer;
	struct sk_buff *skbuff;
	struct lnx_desc *next_logical;
};

struct netdev_private { struct lnx_desc *rx_ring; dma_addr_t rx_dma; struct lnx_desc *cur_rx; };

static int lnx_alloc(struct device *dev, struct netdev_private *np)
{
	np->rx_ring = dma_alloc_coherent(dev, 4096, &np->rx_dma, GFP_KERNEL);
	np->cur_rx = np->rx_ring;
	return np->rx_ring ? 0 : -ENOMEM;
}

/* Clean: only the CPU's pointers are read after the ownership test. */
static struct sk_buff *lnx_rx_ok(struct netdev_private *np)
{
	struct sk_buff *skb;

	if (le32_to_cpu(np->cur_rx->status) & 0x80000000)
		return NULL;
	skb = np->cur_rx->skbuff;
	np->cur_rx = np->cur_rx->next_logical;
	return skb;
}

/* Bug: the control word the device wrote back (frame length) is read with no dma_rmb(). */
static u32 lnx_rx_len(struct netdev_private *np)
{
	if (le32_to_cpu(np->cur_rx->status) & 0x80000000)
		return 0;
	return le32_to_cpu(np->cur_rx->control); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
