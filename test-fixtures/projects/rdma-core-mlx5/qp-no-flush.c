/* providers/mlx5/qp.c post_send_db() without its mmio_flush_writes(), beside stores through pages that are not
 * write-combining. bf->reg points into the UAR page mlx5_map_uar() maps with MLX5_IB_MMAP_REGULAR_PAGE, which the
 * kernel maps write-combining (drivers/infiniband/hw/mlx5/main.c:2165-2169). */
#include "mlx5.h"

static void mlx5_spin_lock(struct mlx5_spinlock *lock)
{
	pthread_spin_lock(&lock->lock);
}

static void mlx5_spin_unlock(struct mlx5_spinlock *lock)
{
	pthread_spin_unlock(&lock->lock);
}

/* Bug: mmio_flush_writes() dropped: the race the rdma-core comment describes. The BlueFlame stores may still be in
 * this CPU's WC buffers when the lock passes to another CPU whose doorbell then reaches the HCA first: x86_64
 * (pthread unlock is a plain store, no sfence) and powerpc64 (lwsync does not order cache-inhibited stores); arm64
 * (stlr) and riscv64 (fence rw,w over NC main memory) order them. */
void post_send_db_no_flush(struct mlx5_qp *qp, struct mlx5_bf *bf, void *ctrl)
{
	udma_to_device_barrier();
	qp->db[MLX5_SND_DBR] = htobe32(qp->sq.cur_post & 0xffff);
	mmio_wc_spinlock(&bf->lock.lock);
	mmio_write64_be(bf->reg + bf->offset, *(__be64 *)ctrl);
	bf->offset ^= bf->buf_size;
	mlx5_spin_unlock(&bf->lock); // expect: missing-wc-flush (powerpc64, x86_64)
}

/* Clean for this rule: the CQ UAR is a non-cached page (MLX5_IB_MMAP_NC_PAGE), no write-combining buffer holds the
 * arm doorbell. (Whether a pthread unlock orders uncached MMIO is no question a userspace lock answers: not reported.) */
void arm_cq_locked(struct mlx5_context *ctx, uint64_t doorbell)
{
	mlx5_spin_lock(&ctx->cq_lock);
	mmio_write64_be(ctx->cq_uar_reg + MLX5_CQ_DOORBELL, htobe64(doorbell));
	mlx5_spin_unlock(&ctx->cq_lock);
}

/* Clean: a page whose mmap() command is chosen at run time (NC or WC) is not taken for either. */
void ring_either_locked(struct mlx5_context *ctx, uint64_t doorbell)
{
	mlx5_spin_lock(&ctx->cq_lock);
	mmio_write64_be(ctx->either_reg, htobe64(doorbell));
	mlx5_spin_unlock(&ctx->cq_lock);
}
