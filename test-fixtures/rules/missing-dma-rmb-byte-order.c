/* missing-dma-rmb: a status-named word declared in the CPU's byte order beside words declared __le32 is the driver's
 * own bookkeeping, not a word the device writes back; the same word in a struct with no declared byte order still gates.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define DESC_DONE	BIT(31)
#define SW_IN_SRAM	BIT(1)

/* Hardware words in the device's byte order, then the driver's software state. */
struct chain_desc {
	__le32 byte_cnt;
	__le32 src;
	__le32 dst;
	__le32 status;
	dma_addr_t cur_dma;
	struct chain_desc *next;
	u32 flags;
};

/* A descriptor whose words carry no declared byte order: nothing says whose `flags` is. */
struct plain_desc {
	u32 flags;
	u32 src;
};

struct chain { struct chain_desc *first; struct plain_desc *plain; dma_addr_t dma, pdma; };

static int chain_alloc(struct device *dev, struct chain *c)
{
	c->first = dma_alloc_coherent(dev, 4096, &c->dma, GFP_KERNEL);
	c->plain = dma_alloc_coherent(dev, 4096, &c->pdma, GFP_KERNEL);
	return c->first && c->plain ? 0 : -ENOMEM;
}

/* Bug: the device's status word, then its byte count, with no dma_rmb(). */
static u32 chain_done_len(struct chain *c)
{
	struct chain_desc *d = c->first;

	if (!(le32_to_cpu(d->status) & DESC_DONE))
		return 0;
	return le32_to_cpu(d->byte_cnt); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: `flags` is the driver's u32 beside the __le32 hardware words; it gates nothing. */
static u32 chain_source(struct chain *c)
{
	struct chain_desc *d = c->first;

	if (d->flags & SW_IN_SRAM)
		return le32_to_cpu(d->src);
	return 0;
}

/* Bug: the same shape in a struct with no declared byte order is still a status test. */
static u32 plain_source(struct chain *c)
{
	struct plain_desc *p = c->plain;

	if (p->flags & SW_IN_SRAM)
		return p->src; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	return 0;
}
