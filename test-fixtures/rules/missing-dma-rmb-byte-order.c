/* missing-dma-rmb: a status-named word declared in the CPU's byte order beside words declared __le32, or not volatile
 * beside volatile words, is the driver's own bookkeeping, not a word the device writes back; the same word in a struct
 * that declares neither still gates.
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

/* A command header whose device-written words are declared volatile; `flags` and `ctx` the driver fills. */
struct cmd_header {
	volatile u32 status;
	volatile u32 error_offset;
	u32 flags;
	u32 ctx;
};

/* A write-back descriptor with one word annotated and no software tail: its host-order `status` is still the device's. */
struct wb_desc {
	u32 type;
	u16 status;
	u16 pkt_len;
	__le16 vlan;
};

struct chain { struct chain_desc *first; struct plain_desc *plain; struct cmd_header *hdr; struct wb_desc *wb; dma_addr_t dma, pdma, hdma, wdma; };

static int chain_alloc(struct device *dev, struct chain *c)
{
	c->first = dma_alloc_coherent(dev, 4096, &c->dma, GFP_KERNEL);
	c->plain = dma_alloc_coherent(dev, 4096, &c->pdma, GFP_KERNEL);
	c->hdr = dma_alloc_coherent(dev, 4096, &c->hdma, GFP_KERNEL);
	c->wb = dma_alloc_coherent(dev, 4096, &c->wdma, GFP_KERNEL);
	return c->first && c->plain && c->hdr && c->wb ? 0 : -ENOMEM;
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

/* Bug: the device's volatile status word, then a field of the header, with no dma_rmb(). */
static u32 header_done_ctx(struct chain *c)
{
	struct cmd_header *h = c->hdr;

	if (h->status != 1)
		return 0;
	return h->ctx; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: `flags` is not volatile beside the volatile device words; it gates nothing. */
static u32 header_context(struct chain *c, u32 want)
{
	struct cmd_header *h = c->hdr;

	if ((h->flags & SW_IN_SRAM) && h->ctx != want)
		return 1;
	return 0;
}

/* Bug: `status` is host-order beside `__le16 vlan`, but declared before any pointer or dma_addr_t: a hardware word. */
static u16 wb_rx_len(struct chain *c)
{
	struct wb_desc *rxd_wb = c->wb;

	if (!(rxd_wb->status & 0x1U))
		return 0;
	return rxd_wb->pkt_len; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
