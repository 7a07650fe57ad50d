/* KNOWN GAP (see ../README.md): providers/mlx5/qp.c post_send_db() without its mmio_flush_writes(). bf->reg is a WC
 * mmap of the UAR page from the uverbs command fd, which Fabric Lens does not know as a write-combining mapping, so it
 * reports nothing here. (The DMA-memory half, ibv_dontfork_range(), is known: projects/rdma-core-mlx5/qp-no-barrier.c.) */
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
