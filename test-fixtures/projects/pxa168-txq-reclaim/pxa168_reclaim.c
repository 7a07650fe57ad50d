/* Formerly a known gap (test-fixtures/known-gaps/README.md). txq_reclaim() of pxa168_eth.c (Linux 6.1, :700-730): after the ownership test the CPU reads back buf_ptr and
 * byte_cnt, which it wrote itself in start_xmit (the device writes only cmd_sts of a TX descriptor). Truth: clean.
 * fixture-rules: all */
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define BUF_OWNED_BY_DMA	(1 << 31)

struct tx_desc2 { u32 cmd_sts; u16 reserved; u16 byte_cnt; u32 buf_ptr; u32 next_desc_ptr; };
struct reclaim_priv { struct device *dev; struct tx_desc2 *ring; dma_addr_t ring_dma; int used; };

int reclaim_alloc(struct reclaim_priv *p)
{
	p->ring = dma_alloc_coherent(p->dev, 4096, &p->ring_dma, GFP_KERNEL);
	return p->ring ? 0 : -ENOMEM;
}

int txq_reclaim_one(struct reclaim_priv *p)
{
	struct tx_desc2 *desc = &p->ring[p->used];
	u32 cmd_sts = desc->cmd_sts;

	if (cmd_sts & BUF_OWNED_BY_DMA)
		return -EBUSY;
	dma_unmap_single(p->dev, desc->buf_ptr, desc->byte_cnt, DMA_TO_DEVICE);
	return 0;
}
