/* Like bnxt.c (Linux 6.1): see bnxt.h for the lines followed. */
#include "bnxt.h"

static int bnxt_map_db_bar(struct bnxt *bp)
{
	if (!bp->db_size)
		return -ENODEV;
	bp->bar1 = pci_iomap(bp->pdev, 2, bp->db_size);
	if (!bp->bar1)
		return -ENOMEM;
	return 0;
}

static int bnxt_alloc_tx_rings(struct bnxt *bp, int i, int push_size)
{
	struct bnxt_tx_ring_info *txr = &bp->tx_ring[i];

	txr->tx_desc_ring = dma_alloc_coherent(&bp->pdev->dev, 4096, &txr->tx_desc_mapping, GFP_KERNEL);
	if (!txr->tx_desc_ring)
		return -ENOMEM;
	txr->tx_push = dma_alloc_coherent(&bp->pdev->dev, push_size, &txr->tx_push_mapping, GFP_KERNEL);
	if (!txr->tx_push)
		return -ENOMEM;
	txr->tx_db.doorbell = bp->bar1 + i * 0x80;
	txr->tx_db.db_key32 = DB_KEY_TX;
	return 0;
}

static void bnxt_txr_db_kick(struct bnxt *bp, struct bnxt_tx_ring_info *txr, u16 prod)
{
	bnxt_db_write(bp, &txr->tx_db, prod);
	txr->kick_pending = 0;
}

/* Clean: the 6.1 push path (BD ring and push buffer filled, wmb(), copy into the doorbell BAR). */
static void bnxt_tx_push(struct bnxt *bp, struct bnxt_tx_ring_info *txr, u32 length, u64 data_mapping)
{
	struct tx_push_buffer *tx_push_buf = txr->tx_push;
	struct tx_push_bd *tx_push = &tx_push_buf->push_bd;
	struct tx_bd_ext *tx_push1 = &tx_push->txbd2;
	void __iomem *db = txr->tx_db.doorbell;
	struct tx_bd *txbd = &txr->tx_desc_ring[txr->tx_prod];
	u16 prod = txr->tx_prod;
	int push_len;

	tx_push->tx_bd_len_flags_type = cpu_to_le32(length << 16 | TX_BD_FLAGS_PACKET_END);
	tx_push1->tx_bd_hsize_lflags = 0;
	tx_push1->tx_bd_cfa_meta = 0;
	txbd->tx_bd_len_flags_type = tx_push->tx_bd_len_flags_type;
	txbd->tx_bd_haddr = cpu_to_le64(data_mapping);
	prod = NEXT_TX(prod);
	txbd = &txr->tx_desc_ring[prod];
	memcpy(txbd, tx_push1, sizeof(*txbd));
	prod = NEXT_TX(prod);
	tx_push->doorbell = cpu_to_le32(DB_KEY_TX_PUSH | DB_LONG_TX_PUSH | prod);
	txr->tx_prod = prod;

	wmb();	/* Sync is_push and byte queue before pushing data */

	push_len = (length + sizeof(*tx_push) + 7) / 8;
	if (push_len > 16) {
		__iowrite64_copy(db, tx_push_buf, 16);
		__iowrite32_copy(db + 4, tx_push_buf + 1, (push_len - 16) << 1);
	} else {
		__iowrite64_copy(db, tx_push_buf, push_len);
	}
}

/* Clean: the normal path; a store to txr->tx_prod stands between the wmb() and the writel() in bnxt_db_write(). */
static void bnxt_tx_normal(struct bnxt *bp, struct bnxt_tx_ring_info *txr, u64 mapping, u32 len, bool more)
{
	struct tx_bd *txbd = &txr->tx_desc_ring[txr->tx_prod];
	u16 prod = txr->tx_prod;

	txbd->tx_bd_haddr = cpu_to_le64(mapping);
	txbd->tx_bd_len_flags_type = cpu_to_le32(len << 16);
	txbd->tx_bd_len_flags_type |= cpu_to_le32(TX_BD_FLAGS_PACKET_END);

	/* Sync BD data before updating doorbell */
	wmb();

	prod = NEXT_TX(prod);
	txr->tx_prod = prod;

	if (!more)
		bnxt_txr_db_kick(bp, txr, prod);
	else
		txr->kick_pending = 1;
}

netdev_tx_t bnxt_start_xmit(struct bnxt *bp, int ring, u32 length, u64 mapping, bool push, bool more)
{
	struct bnxt_tx_ring_info *txr = &bp->tx_ring[ring];

	if (push)
		bnxt_tx_push(bp, txr, length, mapping);
	else
		bnxt_tx_normal(bp, txr, mapping, length, more);
	return NETDEV_TX_OK;
}

/* Bug: the push without the wmb(): the copy is a __raw_writeq loop (str on arm64, plain std without sync on
 * powerpc64, sd on riscv64), so the device may read the push buffer/BD ring before those stores land.
 * x86_64 is not listed: the out-of-line copy is a compiler barrier and TSO keeps the stores in order. */
void bnxt_tx_push_no_wmb(struct bnxt *bp, struct bnxt_tx_ring_info *txr, u32 length)
{
	struct tx_push_buffer *tx_push_buf = txr->tx_push;
	struct tx_push_bd *tx_push = &tx_push_buf->push_bd;

	tx_push->tx_bd_len_flags_type = cpu_to_le32(length << 16 | TX_BD_FLAGS_PACKET_END);
	tx_push->doorbell = cpu_to_le32(DB_KEY_TX_PUSH | DB_LONG_TX_PUSH | txr->tx_prod);
	__iowrite64_copy(txr->tx_db.doorbell, tx_push_buf, 4); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}

/* Hint: the wmb() right before bnxt_db_write() (writel/writeq on every branch) orders nothing extra. */
void bnxt_tx_kick_now(struct bnxt *bp, struct bnxt_tx_ring_info *txr, u64 mapping)
{
	struct tx_bd *txbd = &txr->tx_desc_ring[txr->tx_prod];

	txbd->tx_bd_haddr = cpu_to_le64(mapping);
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	bnxt_db_write(bp, &txr->tx_db, txr->tx_prod);
}
