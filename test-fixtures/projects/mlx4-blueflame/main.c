/* Like mlx4/main.c:1887-1904 (mlx4_init_bf_mapping... the WC io_mapping of the BlueFlame registers) and pd.c:190-230. */
#include "mlx4.h"

static int mlx4_map_bf_area(struct pci_dev *pdev, struct mlx4_priv *priv, int uar_bar, int bf_offset, int bf_len)
{
	resource_size_t bf_start = pci_resource_start(pdev, uar_bar) + bf_offset;

	priv->bf_mapping = io_mapping_create_wc(bf_start, bf_len);
	return priv->bf_mapping ? 0 : -ENOMEM;
}

int mlx4_bf_alloc(struct mlx4_priv *priv, struct mlx4_bf *bf, struct mlx4_uar *uar, int idx)
{
	uar->map = ioremap(uar->pfn << PAGE_SHIFT, PAGE_SIZE);
	if (!uar->map)
		return -ENOMEM;
	uar->bf_map = io_mapping_map_wc(priv->bf_mapping, idx << PAGE_SHIFT, PAGE_SIZE); // expect: mapping-unsupported-on-arch (riscv64)
	if (!uar->bf_map) {
		iounmap(uar->map);
		return -ENOMEM;
	}
	bf->uar = uar;
	bf->offset = 0;
	bf->buf_size = priv->bf_reg_size / 2;
	bf->reg = uar->bf_map + idx * priv->bf_reg_size;
	return 0;
}

/* Like alloc.c mlx4_buf_alloc(): a single coherent chunk. */
int mlx4_buf_alloc(struct device *dev, int size, struct mlx4_buf *buf)
{
	buf->npages = 1;
	buf->direct.buf = dma_alloc_coherent(dev, size, &buf->direct.map, GFP_KERNEL);
	return buf->direct.buf ? 0 : -ENOMEM;
}
