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
