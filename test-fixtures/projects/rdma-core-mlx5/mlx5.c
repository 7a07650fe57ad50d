/* Like providers/mlx5/mlx5.c (UAR mmap), buf.c mlx5_alloc_buf() (posix_memalign, then ibv_dontfork_range() on the
 * pages the HCA will DMA) and dbrec.c mlx5_alloc_dbrec() (a doorbell record carved from such a page). */
#include "mlx5.h"

static void set_command(int command, off_t *offset)
{
	*offset |= (command << MLX5_IB_MMAP_CMD_SHIFT);
}

static void set_index(int index, off_t *offset)
{
	*offset |= index;
}

/* Like mlx5_mmap() for a regular UAR: the kernel maps MLX5_IB_MMAP_REGULAR_PAGE write-combining where it can
 * (drivers/infiniband/hw/mlx5/main.c:2165-2169), so the BlueFlame registers in it are WC. */
int mlx5_map_uar(struct mlx5_context *ctx, struct mlx5_bf *bf, int idx)
{
	off_t offset;

	offset = 0;
	set_command(MLX5_IB_MMAP_REGULAR_PAGE, &offset);
	set_index(idx, &offset);
	ctx->uar = mmap(NULL, ctx->page_size, PROT_WRITE, MAP_SHARED, ctx->cmd_fd, ctx->page_size * offset);
	if (ctx->uar == MAP_FAILED)
		return -1;
	bf->reg = ctx->uar + 0x800;
	bf->buf_size = 256;
	bf->offset = 0;
	return pthread_spin_init(&bf->lock.lock, PTHREAD_PROCESS_PRIVATE);
}

/* Like mlx5_mmap() for the dedicated CQ UAR, asked for non-cached (main.c:2171-2172: pgprot_noncached). */
int mlx5_map_cq_uar(struct mlx5_context *ctx, int idx)
{
	off_t offset = 0;

	set_command(MLX5_IB_MMAP_NC_PAGE, &offset);
	set_index(idx, &offset);
	ctx->cq_uar_reg = mmap(NULL, ctx->page_size, PROT_WRITE, MAP_SHARED, ctx->cmd_fd, ctx->page_size * offset);
	return ctx->cq_uar_reg == MAP_FAILED ? -1 : 0;
}

/* A page that is non-cached or write-combining by a run-time choice: neither is assumed. */
int mlx5_map_either(struct mlx5_context *ctx, int idx, int nc)
{
	off_t offset = 0;

	if (nc)
		set_command(MLX5_IB_MMAP_NC_PAGE, &offset);
	else
		set_command(MLX5_IB_MMAP_WC_PAGE, &offset);
	set_index(idx, &offset);
	ctx->either_reg = mmap(NULL, ctx->page_size, PROT_WRITE, MAP_SHARED, ctx->cmd_fd, ctx->page_size * offset);
	return ctx->either_reg == MAP_FAILED ? -1 : 0;
}

int mlx5_alloc_buf(struct mlx5_buf *buf, size_t size, int page_size)
{
	int ret;

	ret = posix_memalign(&buf->buf, page_size, size);
	if (ret)
		return ret;
	ret = ibv_dontfork_range(buf->buf, size);
	if (ret)
		free(buf->buf);
	else
		buf->length = size;
	return ret;
}

__be32 *mlx5_alloc_dbrec(struct mlx5_db_page *page, int i)
{
	return page->buf.buf + i * 64;
}

int mlx5_alloc_qp_buf(struct mlx5_qp *qp, struct mlx5_db_page *page, size_t size, int page_size)
{
	if (mlx5_alloc_buf(&qp->buf, size, page_size))
		return -1;
	qp->sq_start = qp->buf.buf + qp->sq.offset;
	qp->db = mlx5_alloc_dbrec(page, 0);
	return 0;
}

void mlx5_bf_copy(void *dst, const void *src, size_t bytecnt)
{
	while (bytecnt > 0) {
		mmio_memcpy_x64(dst, src, 64);
		bytecnt -= 64;
		dst += 64;
		src += 64;
	}
}
