/* Look-alike of the bnxt_en transmit push path (Linux 6.1, drivers/net/ethernet/broadcom/bnxt/).
 *   - bnxt.c:13684-13692 bnxt_map_db_bar(): the doorbell BAR is bp->bar1 = pci_iomap(pdev, 2, db_size) -- in 6.1 an
 *     UNCACHED mapping (the WC push window db_base_wc came in later kernels);
 *   - bnxt.c:3413-3428: per-ring push buffer txr->tx_push = dma_alloc_coherent(); the BD ring is coherent too;
 *   - bnxt.c:476-545 bnxt_start_xmit() push path: BDs and the push buffer are filled, wmb() "Sync is_push and byte
 *     queue before pushing data", then __iowrite64_copy()/__iowrite32_copy() of the push buffer into the doorbell;
 *   - bnxt.c:615-636 normal path: BD fields, wmb() "Sync BD data before updating doorbell", bnxt_txr_db_kick() ->
 *     bnxt_db_write() (bnxt.h:2288-2300: writeq on P5 chips via bnxt_writeq, else writel, twice on DOUBLE_DB chips).
 * What a correct driver does: wmb() between the last store to the coherent BD ring / push buffer and the copy (the
 * copy is __raw_writeq stores that order nothing, lib/iomap_copy.c:9-18); with an ordered writel() doorbell the
 * wmb() is not needed but is harmless when other stores stand between.
 * fixture-rules: all
 */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

#define BNXT_FLAG_CHIP_P5	0x1
#define BNXT_FLAG_DOUBLE_DB	0x2
#define DB_KEY_TX		0x00000000
#define DB_KEY_TX_PUSH		0x10000000
#define DB_LONG_TX_PUSH		0x02000000
#define TX_BD_FLAGS_PACKET_END	0x40
#define NEXT_TX(idx)		(((idx) + 1) & 0xffff)

struct tx_bd { __le32 tx_bd_len_flags_type; u32 tx_bd_opaque; __le64 tx_bd_haddr; };
struct tx_bd_ext { __le32 tx_bd_hsize_lflags; __le32 tx_bd_mss; __le32 tx_bd_cfa_action; __le32 tx_bd_cfa_meta; };
struct tx_push_bd { __le32 doorbell; __le32 tx_bd_len_flags_type; u32 tx_bd_opaque; __le32 tx_bd_haddr_lo; struct tx_bd_ext txbd2; };
struct tx_push_buffer { struct tx_push_bd push_bd; u32 data[25]; };

struct bnxt_db_info { void __iomem *doorbell; u32 db_key32; u64 db_key64; };

struct bnxt_tx_ring_info {
	u16 tx_prod;
	struct tx_bd *tx_desc_ring;
	dma_addr_t tx_desc_mapping;
	struct tx_push_buffer *tx_push;
	dma_addr_t tx_push_mapping;
	struct bnxt_db_info tx_db;
	u8 kick_pending;
};

struct bnxt {
	struct pci_dev *pdev;
	void __iomem *bar1;
	int db_size;
	u32 flags;
	struct bnxt_tx_ring_info tx_ring[8];
};

static inline void bnxt_writeq(struct bnxt *bp, u64 val, volatile void __iomem *addr)
{
	writeq(val, addr);
}

static inline void bnxt_db_write(struct bnxt *bp, struct bnxt_db_info *db, u32 idx)
{
	if (bp->flags & BNXT_FLAG_CHIP_P5) {
		bnxt_writeq(bp, db->db_key64 | idx, db->doorbell);
	} else {
		u32 db_val = db->db_key32 | idx;

		writel(db_val, db->doorbell);
		if (bp->flags & BNXT_FLAG_DOUBLE_DB)
			writel(db_val, db->doorbell);
	}
}
