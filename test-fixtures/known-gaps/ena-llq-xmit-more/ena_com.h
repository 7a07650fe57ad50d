/* Look-alike of the ENA low-latency-queue (LLQ) transmit path (Linux 6.1, drivers/net/ethernet/amazon/ena/):
 *   - ena_netdev.c:3483-3506 ena_map_llq_mem_bar(): mem_bar = devm_ioremap_wc(BAR 2); ena_netdev.c:4343 reg_bar =
 *     devm_ioremap(BAR 0);
 *   - ena_com.c:1224-1233: io_sq->db_addr = reg_bar + doorbell offset; io_sq->desc_addr.pbuf_dev_addr = mem_bar +
 *     LLQ descriptor offset (device placement); host placement puts the SQ in dma_alloc_coherent() memory;
 *   - ena_eth_com.c:47-85 ena_com_write_bounce_buffer_to_dev(): wmb(), then __iowrite64_copy() of a bounce buffer
 *     (plain kernel memory) into the WC LLQ; ena_eth_com.h:150-168 ena_com_write_sq_doorbell(): writel(tail, db_addr).
 * What a correct driver does: the LLQ line is written with one copy into the WC BAR and the doorbell is a writel()
 * to the uncached register BAR: writel() is dmb oshst; str on arm64 (orders the earlier Normal-NC stores), sync on
 * powerpc64, and an uncached store that evicts the WC buffers on x86 (an x86-hardware fact, io-semantics §d). A
 * writel_relaxed() doorbell would lose that on arm64.
 * fixture-rules: all
 */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

#define ENA_REG_BAR		0
#define ENA_MEM_BAR		2
#define ENA_ADMIN_PLACEMENT_POLICY_HOST	1
#define ENA_ADMIN_PLACEMENT_POLICY_DEV	3

struct ena_eth_io_tx_desc { u32 len_ctrl; u32 meta_ctrl; u32 buff_addr_lo; u32 buff_addr_hi_hdr_sz; };

struct ena_com_io_desc_addr {
	u8 __iomem *pbuf_dev_addr;	/* LLQ address (WC BAR) */
	void *virt_addr;		/* host placement: coherent SQ */
	dma_addr_t phys_addr;
};

struct ena_com_io_sq {
	struct ena_com_io_desc_addr desc_addr;
	u32 __iomem *db_addr;
	u8 __iomem *header_addr;
	int mem_queue_type;
	u16 q_depth;
	u16 tail;
	u8 phase;
	u16 desc_entry_size;
	u16 desc_list_entry_size;
	u8 *curr_bounce_buf;
};

struct ena_com_dev {
	void __iomem *reg_bar;
	void __iomem *mem_bar;
	struct device *dmadev;
	int tx_mem_queue_type;
};

static inline int ena_com_write_sq_doorbell(struct ena_com_io_sq *io_sq)
{
	u16 tail = io_sq->tail;

	writel(tail, io_sq->db_addr);
	return 0;
}

int ena_com_prepare_tx(struct ena_com_io_sq *io_sq, u64 dma, u32 len);
