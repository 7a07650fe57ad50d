/* missing-dma-rmb: a word of a transmit ring the driver fills with data when it queues a packet (a control word of
 * command bits and lengths, a QoS field) is the CPU's: read back after the ownership test on the reclaim path it
 * returns what this CPU stored (fealnx's TX `control`, also through a local taken from the CPU's link, mwl8k's
 * `qos_control`). Still reported: a word the CPU only clears (the device writes its error bits there, pcnet32's
 * `misc`), a word it hands over with (its value names an ownership bit), the same word of a receive ring (the device
 * may write it back: adm8211's RDES1 carries the RSSI), and a transmit ring's word the CPU fills only in the receive
 * ring.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>
#include <linux/skbuff.h>

#define DESC_OWN	0x80000000
#define TX_LAST		0x00000200
#define TX_INT		0x00000400
#define LEN_SHIFT	11

struct fe_desc {
	s32 status;
	s32 control;
	u32 buffer;
	u32 misc;
	u32 opts;
	u32 extra;
	__le16 qos;
	__le16 pad;
	struct fe_desc *next_logical;
	struct sk_buff *skb;
};

struct fe_priv {
	struct fe_desc *tx_ring;
	struct fe_desc *rx_ring;
	struct fe_desc *cur_tx;
	struct fe_desc *cur_tx_copy;
	struct fe_desc *cur_rx;
	dma_addr_t tx_dma;
	dma_addr_t rx_dma;
	unsigned int rx_buf_sz;
};

static int fe_alloc_rings(struct device *dev, struct fe_priv *np)
{
	int i;

	np->rx_ring = dma_alloc_coherent(dev, 4096, &np->rx_dma, GFP_KERNEL);
	if (!np->rx_ring)
		return -ENOMEM;
	np->tx_ring = dma_alloc_coherent(dev, 4096, &np->tx_dma, GFP_KERNEL);
	if (!np->tx_ring)
		return -ENOMEM;
	for (i = 0; i < 63; i++)
		np->tx_ring[i].next_logical = &np->tx_ring[i + 1];
	np->cur_tx = np->cur_tx_copy = &np->tx_ring[0];
	np->cur_rx = &np->rx_ring[0];
	return 0;
}

/* RX refill: the buffer size goes into control and extra of the receive ring only. */
static void fe_init_rx(struct fe_priv *np, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		np->rx_ring[i].control = np->rx_buf_sz << LEN_SHIFT;
		np->rx_ring[i].extra = np->rx_buf_sz;
		np->rx_ring[i].status = DESC_OWN;
	}
}

/* The xmit path fills control, qos and opts, clears misc, and hands the descriptor over. */
static netdev_tx_t fe_start_tx(struct sk_buff *skb, struct device *dev, struct fe_priv *np, u16 q)
{
	struct fe_desc *d = np->cur_tx_copy;

	d->skb = skb;
	d->buffer = dma_map_single(dev, skb->data, skb->len, DMA_TO_DEVICE);
	d->control = TX_INT | TX_LAST;
	d->control |= skb->len << LEN_SHIFT;
	d->qos = cpu_to_le16(q);
	d->misc = 0;
	d->opts = DESC_OWN | skb->len;
	d->status = DESC_OWN;
	np->cur_tx_copy = d->next_logical;
	return NETDEV_TX_OK;
}

static void fe_reset_tx(struct fe_priv *np, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		np->tx_ring[i].control = 0;
		np->tx_ring[i].status = 0;
	}
}

/* Clean: control of the transmit ring holds what fe_start_tx() stored. */
static int fe_tx_done(struct fe_priv *np, u32 *bytes)
{
	long tx_status = np->cur_tx->status;
	long tx_control = np->cur_tx->control;

	if (tx_status & DESC_OWN)
		return 0;
	*bytes = tx_control >> LEN_SHIFT;
	return 1;
}

/* Clean: so does qos, read back on the reclaim path. */
static u16 fe_txq_reclaim(struct fe_priv *np, int i)
{
	struct fe_desc *tx_desc = np->tx_ring + i;

	if (le32_to_cpu(tx_desc->status) & DESC_OWN)
		return 0;
	return le16_to_cpu(tx_desc->qos);
}

/* Clean: the next descriptor is reached through the CPU's link from the transmit cursor. */
static int fe_intr_pair(struct fe_priv *np)
{
	struct fe_desc *next;

	next = np->cur_tx->next_logical;
	if (next->status & DESC_OWN)
		return 0;
	return next->control & TX_LAST;
}

/* Bug: the CPU only clears misc; the device writes its error bits there. */
static u32 fe_tx_errors(struct fe_priv *np)
{
	if (np->cur_tx->status & DESC_OWN)
		return 0;
	return np->cur_tx->misc; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: opts is handed over with the ownership bit, so the device writes it back. */
static u32 fe_tx_opts(struct fe_priv *np)
{
	if (np->cur_tx->status & DESC_OWN)
		return 0;
	return np->cur_tx->opts; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the same control word of the receive ring, which the CPU also filled (with the buffer size). */
static u32 fe_rx(struct fe_priv *np)
{
	if (np->cur_rx->status & DESC_OWN)
		return 0;
	return np->cur_rx->control; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: extra is filled by the CPU only in the receive ring; in the transmit ring it is the device's. */
static u32 fe_tx_extra(struct fe_priv *np)
{
	if (np->cur_tx->status & DESC_OWN)
		return 0;
	return np->cur_tx->extra; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
