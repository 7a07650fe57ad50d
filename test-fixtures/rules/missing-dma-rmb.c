/* missing-dma-rmb: a device-written status word is read, then the rest of the descriptor, with no dma_rmb().
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define RXD_DD	BIT(0)

union rx_desc {
	struct { __le64 pkt_addr; __le64 hdr_addr; } read;
	struct { __le32 rss; __le32 info; __le32 status_error; __le16 length; __le16 vlan; } wb;
};

struct rx_ring { union rx_desc *desc; dma_addr_t dma; unsigned int ntc; };

#define RX_DESC(R, i) (&(((union rx_desc *)((R)->desc))[i]))

static int rx_ring_alloc(struct device *dev, struct rx_ring *r)
{
	r->desc = dma_alloc_coherent(dev, 4096, &r->dma, GFP_KERNEL);
	return r->desc ? 0 : -ENOMEM;
}

/* Bug: the length may be read before the status word the device wrote last. */
static int rx_clean(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	if (!(le32_to_cpu(d->wb.status_error) & RXD_DD))
		return 0;
	return le16_to_cpu(d->wb.length); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: dma_rmb() after the status check (the ixgbe shape). */
static int rx_clean_ok(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	if (!d->wb.status_error)
		return 0;
	dma_rmb();
	return le16_to_cpu(d->wb.length);
}

/* smp_rmb() is dmb ishld on arm64 and not meant for DMA; x86, powerpc64 and riscv64 order the loads with it. */
static int rx_clean_smp(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	if (!(le32_to_cpu(d->wb.status_error) & RXD_DD))
		return 0;
	smp_rmb();
	return le16_to_cpu(d->wb.length); // expect: missing-dma-rmb (arm64)
}

/* Clean: only the status word is read. */
static bool rx_done(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	return le32_to_cpu(d->wb.status_error) & RXD_DD;
}

struct cqe { __be32 byte_cnt; __be16 checksum; __be16 status; u8 owner; };
struct cq { struct cqe *buf; dma_addr_t dma; unsigned int ci; };

static int cq_alloc(struct device *dev, struct cq *c)
{
	c->buf = dma_alloc_coherent(dev, 4096, &c->dma, GFP_KERNEL);
	return c->buf ? 0 : -ENOMEM;
}

/* Clean (the mlx4 shape): once the ownership bit is checked and dma_rmb() run, the CQE is the CPU's; a later field
 * that happens to be called status is data, not a new hand-over. */
static int cq_poll(struct cq *c)
{
	struct cqe *e = &c->buf[c->ci];
	int n = 0;

	while (e->owner & 1) {
		dma_rmb();
		if (e->status & cpu_to_be16(2))
			n += be32_to_cpu(e->byte_cnt);
		c->ci++;
		e = &c->buf[c->ci];
	}
	return n;
}

struct tx_desc { __le64 addr; __le32 status; __le32 misc; };
struct tx_ring { struct tx_desc *desc; dma_addr_t dma; };

static int tx_alloc(struct device *dev, struct tx_ring *t)
{
	t->desc = dma_alloc_coherent(dev, 4096, &t->dma, GFP_KERNEL);
	return t->desc ? 0 : -ENOMEM;
}

/* Clean: after a completed transmit, the buffer address the CPU itself wrote is read back to unmap it. */
static u64 tx_clean(struct tx_ring *t, int i)
{
	if (!(le32_to_cpu(t->desc[i].status) & 1))
		return 0;
	return le64_to_cpu(t->desc[i].addr);
}

/* Bug: the device writes error bits into misc; it may be read before the status that says it is valid. */
static u32 tx_errors(struct tx_ring *t, int i)
{
	if (!(le32_to_cpu(t->desc[i].status) & 1))
		return 0;
	return le32_to_cpu(t->desc[i].misc); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
