/* Like providers/mlx5/mlx5.c (UAR mmap) and buf.c/dbrec.c (queue and doorbell-record allocation). */
#include "mlx5.h"

int mlx5_map_uar(struct mlx5_context *ctx, struct mlx5_bf *bf, int idx)
{
	off_t offset = ((off_t)MLX5_IB_MMAP_WC_PAGE << 8 | idx) * ctx->page_size;

	ctx->uar = mmap(NULL, ctx->page_size, PROT_WRITE, MAP_SHARED, ctx->cmd_fd, offset);
	if (ctx->uar == MAP_FAILED)
		return -1;
	bf->reg = ctx->uar + 0x800;
	bf->buf_size = 256;
	bf->offset = 0;
	return pthread_spin_init(&bf->lock.lock, PTHREAD_PROCESS_PRIVATE);
}

int mlx5_alloc_qp_buf(struct mlx5_qp *qp, size_t size, int page_size)
{
	if (posix_memalign(&qp->sq_start, page_size, size))
		return -1;
	if (posix_memalign((void **)&qp->db, 64, 64))
		return -1;
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
