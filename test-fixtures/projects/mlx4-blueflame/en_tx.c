/* Like mlx4/en_tx.c (Linux 6.1): ring setup (:60-130), mlx4_bf_copy (:749-753), mlx4_en_xmit_doorbell (:755-769),
 * mlx4_en_tx_write_desc (:771-806). Correct functions keep the real barriers; the *_bug variants drop one. */
#include "mlx4.h"

int mlx4_en_create_tx_ring(struct device *dev, struct mlx4_priv *priv, struct mlx4_en_tx_ring *ring,
			   struct mlx4_uar *uar, int size)
{
	int err;

	err = mlx4_buf_alloc(dev, size, &ring->sp_wqres.buf);
	if (err)
		return err;
	ring->buf = ring->sp_wqres.buf.direct.buf;
	err = mlx4_bf_alloc(priv, &ring->bf, uar, 0);
	if (err)
		return err;
	ring->doorbell_address = ring->bf.uar->map + MLX4_SEND_DOORBELL;
	ring->bf_enabled = true;
	return 0;
}

static void mlx4_bf_copy(void __iomem *dst, const void *src, unsigned int bytecnt)
{
	__iowrite64_copy(dst, src, bytecnt / 8);
}

/* The real helper picks iowrite32()/iowrite32be() by endianness under #if; either is an ordered write. The wmb()
 * before it is redundant by the writeX contract (memory-barriers.txt:2571-2576): a hint, not a bug. */
void mlx4_en_xmit_doorbell(struct mlx4_en_tx_ring *ring)
{
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	iowrite32((__force u32)ring->doorbell_qpn, ring->doorbell_address);
}

static struct mlx4_en_tx_desc *mlx4_en_desc(struct mlx4_en_tx_ring *ring, u32 index)
{
	return ring->buf + (index << 6);
}

/* Clean: the 6.1 shape. */
static void mlx4_en_tx_write_desc(struct mlx4_en_tx_ring *ring, struct mlx4_en_tx_desc *tx_desc, __be32 qpn_vlan,
				  int desc_size, int bf_index, __be32 op_own, bool bf_ok, bool send_doorbell)
{
	tx_desc->ctrl.qpn_vlan = qpn_vlan;

	if (bf_ok) {
		op_own |= htonl((bf_index & 0xffff) << 8);
		/* Ensure new descriptor hits memory before setting ownership of this descriptor to HW */
		dma_wmb();
		tx_desc->ctrl.owner_opcode = op_own;

		wmb();

		mlx4_bf_copy(ring->bf.reg + ring->bf.offset, &tx_desc->ctrl, desc_size);

		wmb();

		ring->bf.offset ^= ring->bf.buf_size;
	} else {
		dma_wmb();
		tx_desc->ctrl.owner_opcode = op_own;
		if (send_doorbell)
			mlx4_en_xmit_doorbell(ring);
		else
			ring->xmit_more++;
	}
}

netdev_tx_t mlx4_en_xmit(struct mlx4_en_tx_ring *ring, u64 dma, u32 len, int desc_size, bool send_doorbell)
{
	struct mlx4_en_tx_desc *tx_desc = mlx4_en_desc(ring, ring->prod & ring->size_mask);
	__be32 op_own = cpu_to_be32(MLX4_OPCODE_SEND) | ((ring->prod & (ring->size_mask + 1)) ? cpu_to_be32(MLX4_EN_BIT_DESC_OWN) : 0);
	bool bf_ok = ring->bf_enabled && desc_size <= 256 && send_doorbell;

	tx_desc->data.addr = cpu_to_be64(dma);
	tx_desc->data.lkey = cpu_to_be32(0x100);
	tx_desc->data.byte_count = cpu_to_be32(len);
	ring->prod += desc_size / 64;
	mlx4_en_tx_write_desc(ring, tx_desc, 0, desc_size, ring->prod, op_own, bf_ok, send_doorbell);
	return NETDEV_TX_OK;
}

/* Bug: no dma_wmb() between the data segment and the ownership word on the doorbell path. */
void mlx4_en_write_desc_no_dma_wmb(struct mlx4_en_tx_ring *ring, u64 dma, __be32 op_own)
{
	struct mlx4_en_tx_desc *tx_desc = mlx4_en_desc(ring, ring->prod & ring->size_mask);

	tx_desc->data.addr = cpu_to_be64(dma);
	tx_desc->ctrl.owner_opcode = op_own; // expect: missing-dma-wmb-before-ownership (arm64, powerpc64, riscv64, x86_64)
	mlx4_en_xmit_doorbell(ring);
}

/* Bug: dma_wmb() alone before the BlueFlame copy: on powerpc64 it is lwsync, which does not order the cacheable
 * descriptor stores before the __raw_writeq stores of __iowrite64_copy() (the trailing wmb() is kept). */
void mlx4_en_bf_dma_wmb_only(struct mlx4_en_tx_ring *ring, int desc_size, __be32 op_own)
{
	struct mlx4_en_tx_desc *tx_desc = mlx4_en_desc(ring, ring->prod & ring->size_mask);

	tx_desc->ctrl.qpn_vlan = 0;
	dma_wmb();
	tx_desc->ctrl.owner_opcode = op_own;
	dma_wmb();
	mlx4_bf_copy(ring->bf.reg + ring->bf.offset, &tx_desc->ctrl, desc_size); // expect: dma-wmb-insufficient (powerpc64)
	wmb();
	ring->bf.offset ^= ring->bf.buf_size;
}

/* Bug: the trailing wmb() dropped: the BlueFlame stores may still sit in the write-combining buffers when this
 * function returns (x86 spin_unlock in the caller is a plain store and does not drain them; powerpc64 has no sync). */
void mlx4_en_bf_no_flush(struct mlx4_en_tx_ring *ring, int desc_size, __be32 op_own)
{
	struct mlx4_en_tx_desc *tx_desc = mlx4_en_desc(ring, ring->prod & ring->size_mask);

	tx_desc->ctrl.qpn_vlan = 0;
	dma_wmb();
	tx_desc->ctrl.owner_opcode = op_own;
	wmb();
	mlx4_bf_copy(ring->bf.reg + ring->bf.offset, &tx_desc->ctrl, desc_size); // expect: missing-wc-flush (arm64, powerpc64, x86_64)
	ring->bf.offset ^= ring->bf.buf_size;
}

/* Bug: the BlueFlame burst written with iowrite32() word by word: every write is dmb oshst; str on arm64 and
 * sync; stw on powerpc64, so the stores do not combine into the one 64-byte BlueFlame burst the mapping is for. */
void mlx4_en_bf_words(struct mlx4_en_tx_ring *ring, const u32 *wqe)
{
	iowrite32(wqe[0], ring->bf.reg + ring->bf.offset);
	iowrite32(wqe[1], ring->bf.reg + ring->bf.offset + 4); // expect: wc-combining-defeated (arm64, powerpc64)
	wmb();
}
