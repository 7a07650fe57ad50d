/* KNOWN GAP (see ../README.md): providers/mlx5/qp.c post_send_db() with one barrier dropped per function. The WQE
 * buffer and doorbell record are DMA memory (posix_memalign'ed and registered with the HCA through create-QP) and
 * bf->reg is a WC mmap of the UAR page; Fabric Lens models neither, so it reports none of these. */
#include "mlx5.h"

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

/* Bug: no barrier at all between the WQE/doorbell-record stores and the BlueFlame write (mmio_write64_be is a plain
 * volatile store): x86_64 compiler reordering, arm64 str, powerpc64 std without sync, riscv64 sd without fence. */
void post_send_db_no_barrier(struct mlx5_qp *qp, struct mlx5_bf *bf, void *ctrl)
{
	struct mlx5_wqe_ctrl_seg *c = ctrl;

	c->fm_ce_se = 8;
	qp->db[MLX5_SND_DBR] = htobe32(qp->sq.cur_post & 0xffff);
	mmio_write64_be(bf->reg + bf->offset, *(__be64 *)ctrl); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
	mmio_flush_writes();
}
