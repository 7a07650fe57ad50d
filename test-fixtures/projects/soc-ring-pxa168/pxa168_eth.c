/* Look-alike of an ARM SoC Ethernet ring with dma_wmb() + ownership bit + writel_relaxed() doorbell, after
 * drivers/net/ethernet/marvell/pxa168_eth.c (Linux 6.1):
 *   - :278-281 wrl() = writel_relaxed(data, pep->base + offset); the base is devm_platform_ioremap_resource();
 *   - descriptor rings in dma_alloc_coherent() memory (p_rx_desc_area / p_tx_desc_area);
 *   - :303-342 rxq_refill(): buf_ptr/buf_size, dma_wmb(), cmd_sts = BUF_OWNED_BY_DMA | RX_EN_INT, dma_wmb();
 *   - :1255-1273 pxa168_eth_start_xmit(): byte_cnt/buf_ptr, dma_wmb(), cmd_sts = BUF_OWNED_BY_DMA | ..., wmb(),
 *     wrl(pep, SDMA_CMD, ...) (the relaxed doorbell);
 *   - :770-800 rxq_process(): cmd_sts read, dma_rmb(), ownership test, then the other fields;
 *   - (txq_reclaim(), :700-730, reads back the CPU-written buf_ptr/byte_cnt after the status test: known-gaps/pxa168-txq-reclaim)
 * What a correct driver does: dma_wmb() between the fields and the ownership word, wmb() between the ownership word
 * and a relaxed doorbell (dma_wmb() is not documented to order normal stores before MMIO), dma_rmb() between the
 * device-written status and the device-written fields.
 * fixture-rules: all
 */
#include <linux/io.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>

#define BUF_OWNED_BY_DMA	(1 << 31)
#define RX_EN_INT		(1 << 23)
#define TX_GEN_CRC		(1 << 22)
#define TX_FIRST_DESC		(1 << 17)
#define TX_LAST_DESC		(1 << 16)
#define TX_ERROR		(1 << 15)
#define SDMA_CMD		0x0840
#define SDMA_CMD_TXDH		(1 << 23)
#define SDMA_CMD_ERD		(1 << 7)

struct rx_desc { u32 cmd_sts; u16 byte_cnt; u16 buf_size; u32 buf_ptr; u32 next_desc_ptr; };
struct tx_desc { u32 cmd_sts; u16 reserved; u16 byte_cnt; u32 buf_ptr; u32 next_desc_ptr; };

struct pxa168_eth_private {
	struct platform_device *pdev;
	void __iomem *base;
	struct rx_desc *p_rx_desc_area;
	dma_addr_t rx_desc_dma;
	struct tx_desc *p_tx_desc_area;
	dma_addr_t tx_desc_dma;
	int rx_used_desc_q, rx_curr_desc_q, tx_curr_desc_q, tx_used_desc_q;
	int rx_ring_size, tx_ring_size;
};

static inline void wrl(struct pxa168_eth_private *pep, int offset, u32 data)
{
	writel_relaxed(data, pep->base + offset);
}

int pxa168_eth_probe(struct platform_device *pdev, struct pxa168_eth_private *pep)
{
	pep->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pep->base))
		return PTR_ERR(pep->base);
	pep->p_rx_desc_area = dma_alloc_coherent(&pdev->dev, 4096, &pep->rx_desc_dma, GFP_KERNEL);
	pep->p_tx_desc_area = dma_alloc_coherent(&pdev->dev, 4096, &pep->tx_desc_dma, GFP_KERNEL);
	return 0;
}

/* Clean (rxq_refill): fields, dma_wmb(), ownership, dma_wmb(). */
void rxq_refill_one(struct pxa168_eth_private *pep, dma_addr_t buf, int size)
{
	struct rx_desc *p_used_rx_desc = &pep->p_rx_desc_area[pep->rx_used_desc_q];

	p_used_rx_desc->buf_ptr = buf;
	p_used_rx_desc->buf_size = size;
	dma_wmb();
	p_used_rx_desc->cmd_sts = BUF_OWNED_BY_DMA | RX_EN_INT;
	dma_wmb();
	pep->rx_used_desc_q = (pep->rx_used_desc_q + 1) % pep->rx_ring_size;
}

/* Clean (pxa168_eth_start_xmit): dma_wmb() before the ownership word, wmb() before the relaxed doorbell. */
void pxa168_eth_start_xmit(struct pxa168_eth_private *pep, dma_addr_t buf, int length)
{
	struct tx_desc *desc = &pep->p_tx_desc_area[pep->tx_curr_desc_q];

	desc->byte_cnt = length;
	desc->buf_ptr = buf;
	dma_wmb();
	desc->cmd_sts = BUF_OWNED_BY_DMA | TX_GEN_CRC | TX_FIRST_DESC | TX_LAST_DESC;
	wmb();
	wrl(pep, SDMA_CMD, SDMA_CMD_TXDH | SDMA_CMD_ERD);
}

/* Clean (rxq_process): status read, dma_rmb(), then the fields. */
int rxq_process_one(struct pxa168_eth_private *pep)
{
	struct rx_desc *rx_desc = &pep->p_rx_desc_area[pep->rx_curr_desc_q];
	unsigned int cmd_sts;

	cmd_sts = rx_desc->cmd_sts;
	dma_rmb();
	if (cmd_sts & BUF_OWNED_BY_DMA)
		return 0;
	return rx_desc->byte_cnt;
}

/* Bug: no dma_wmb() before the ownership word. */
void start_xmit_no_dma_wmb(struct pxa168_eth_private *pep, dma_addr_t buf, int length)
{
	struct tx_desc *desc = &pep->p_tx_desc_area[pep->tx_curr_desc_q];

	desc->byte_cnt = length;
	desc->buf_ptr = buf;
	desc->cmd_sts = BUF_OWNED_BY_DMA | TX_GEN_CRC | TX_FIRST_DESC | TX_LAST_DESC; // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
	wmb();
	wrl(pep, SDMA_CMD, SDMA_CMD_TXDH | SDMA_CMD_ERD);
}

/* Bug: the wmb() before the relaxed doorbell dropped: on arm64 writel_relaxed is a bare str and the ownership store
 * may reach memory after the device has been told to look (x86: no compiler barrier; riscv64: sw, no fence). */
void start_xmit_no_wmb(struct pxa168_eth_private *pep, dma_addr_t buf, int length)
{
	struct tx_desc *desc = &pep->p_tx_desc_area[pep->tx_curr_desc_q];

	desc->byte_cnt = length;
	desc->buf_ptr = buf;
	dma_wmb();
	desc->cmd_sts = BUF_OWNED_BY_DMA | TX_GEN_CRC | TX_FIRST_DESC | TX_LAST_DESC;
	wrl(pep, SDMA_CMD, SDMA_CMD_TXDH | SDMA_CMD_ERD); // expect: missing-wmb-before-doorbell (arm64, riscv64, x86_64)
}

/* Bug: the status is tested without dma_rmb() before the length the device wrote. */
int rxq_process_no_rmb(struct pxa168_eth_private *pep)
{
	struct rx_desc *rx_desc = &pep->p_rx_desc_area[pep->rx_curr_desc_q];

	if (rx_desc->cmd_sts & BUF_OWNED_BY_DMA)
		return 0;
	return rx_desc->byte_cnt; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Hint: wmb() right before an ordered writel() doorbell. */
void start_xmit_writel(struct pxa168_eth_private *pep)
{
	struct tx_desc *desc = &pep->p_tx_desc_area[pep->tx_curr_desc_q];

	dma_wmb();
	desc->cmd_sts = BUF_OWNED_BY_DMA | TX_LAST_DESC;
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	writel(SDMA_CMD_TXDH, pep->base + SDMA_CMD);
}
