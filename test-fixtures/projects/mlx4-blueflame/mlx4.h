/* Look-alike of the mlx4 BlueFlame transmit path (Linux 6.1), split like the real driver:
 *   - main.c:1887-1904 creates the WC io_mapping of the BlueFlame part of the UAR BAR (io_mapping_create_wc);
 *   - pd.c:190-230 (mlx4_bf_alloc) maps one UAR page uncached (uar->map = ioremap) and one BlueFlame page WC
 *     (uar->bf_map = io_mapping_map_wc) and sets bf->reg = uar->bf_map + idx * bf_reg_size;
 *   - alloc.c (mlx4_buf_alloc) puts the send queue in coherent DMA memory (dma_alloc_coherent);
 *   - en_tx.c:749-806: mlx4_bf_copy() = __iowrite64_copy() into ring->bf.reg + ring->bf.offset, with wmb() before
 *     and after; the non-BlueFlame path stores the ownership word after dma_wmb() and rings the UAR doorbell with
 *     iowrite32() after a wmb() (mlx4_en_xmit_doorbell, en_tx.c:755-769).
 * What a correct driver does: descriptor fields, dma_wmb(), ownership word; then wmb() before the BlueFlame copy (the
 * device may fetch the WQE from memory instead), the WC copy, and wmb() after it so the combined stores leave the
 * CPU before the next packet flips to the other BlueFlame half or another CPU takes the queue.
 * fixture-rules: all
 */
#include <linux/io.h>
#include <linux/io-mapping.h>
#include <linux/dma-mapping.h>

#define MLX4_SEND_DOORBELL	0x14
#define MLX4_OPCODE_SEND	0x0a
#define MLX4_EN_BIT_DESC_OWN	0x80000000

struct mlx4_buf_list { void *buf; dma_addr_t map; };
struct mlx4_buf { struct mlx4_buf_list direct; int npages; };
struct mlx4_hwq_resources { struct mlx4_buf buf; };

struct mlx4_uar {
	unsigned long pfn;
	void __iomem *map;	/* uncached UAR page: doorbells */
	void __iomem *bf_map;	/* write-combining BlueFlame page */
};

struct mlx4_bf {
	unsigned int offset;
	int buf_size;
	struct mlx4_uar *uar;
	void __iomem *reg;
};

struct mlx4_priv {
	struct io_mapping *bf_mapping;
	int bf_reg_size;
};

struct mlx4_wqe_ctrl_seg {
	__be32 owner_opcode;
	__be32 qpn_vlan;
	u8 fence_size;
	u8 srcrb_flags;
	__be16 reserved;
	__be32 imm;
};

struct mlx4_wqe_data_seg { __be32 byte_count; __be32 lkey; __be64 addr; };

struct mlx4_en_tx_desc {
	struct mlx4_wqe_ctrl_seg ctrl;
	struct mlx4_wqe_data_seg data;
};

struct mlx4_en_tx_ring {
	u32 prod;
	u32 size_mask;
	void *buf;
	struct mlx4_hwq_resources sp_wqres;
	struct mlx4_bf bf;
	void __iomem *doorbell_address;
	__be32 doorbell_qpn;
	bool bf_enabled;
	unsigned long xmit_more;
};

int mlx4_buf_alloc(struct device *dev, int size, struct mlx4_buf *buf);
int mlx4_bf_alloc(struct mlx4_priv *priv, struct mlx4_bf *bf, struct mlx4_uar *uar, int idx);
