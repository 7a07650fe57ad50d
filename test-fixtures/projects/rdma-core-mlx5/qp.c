/* Like providers/mlx5/qp.c post_send_db() and the WQE build of _mlx5_post_send(): the correct shape. */
#include "mlx5.h"

static void mlx5_spin_unlock(struct mlx5_spinlock *lock)
{
	pthread_spin_unlock(&lock->lock);
}

static void post_send_db(struct mlx5_context *ctx, struct mlx5_qp *qp, struct mlx5_bf *bf, int nreq, int size, void *ctrl)
{
	if (!nreq)
		return;

	qp->sq.head += nreq;

	/* Make sure that descriptors are written before updating doorbell record and ringing the doorbell */
	udma_to_device_barrier();
	qp->db[MLX5_SND_DBR] = htobe32(qp->sq.cur_post & 0xffff);

	/* Make sure that the doorbell write happens before the memcpy to WC memory below */
	if (bf->need_lock)
		mmio_wc_spinlock(&bf->lock.lock);
	else
		mmio_wc_start();

	if (!ctx->shut_up_bf && nreq == 1 && bf->uuarn && size > 1 && size <= bf->buf_size / 16)
		mlx5_bf_copy(bf->reg + bf->offset, ctrl, (size * 16 + 63) & ~63);
	else
		mmio_write64_be(bf->reg + bf->offset, *(__be64 *)ctrl);

	/* flush the WC buffers inside the lock, or another CPU's doorbell may overtake this one */
	mmio_flush_writes();
	bf->offset ^= bf->buf_size;
	if (bf->need_lock)
		mlx5_spin_unlock(&bf->lock);
}

int mlx5_post_send_one(struct mlx5_context *ctx, struct mlx5_qp *qp, uint32_t qpn, int size)
{
	unsigned int idx = qp->sq.cur_post & (qp->sq.wqe_cnt - 1);
	struct mlx5_wqe_ctrl_seg *ctrl = qp->sq_start + (idx << 6);

	ctrl->opmod_idx_opcode = htobe32(((qp->sq.cur_post & 0xffff) << 8) | 0x0a);
	ctrl->qpn_ds = htobe32(size | (qpn << 8));
	ctrl->fm_ce_se = 8;
	qp->sq.cur_post += 1;
	post_send_db(ctx, qp, qp->bf, 1, size, ctrl);
	return 0;
}
