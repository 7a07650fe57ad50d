/* providers/mlx5/qp.c post_send_db() with its udma_to_device_barrier() dropped (qp.c is the correct shape). The WQE
 * buffer and the doorbell record are DMA memory: mlx5_alloc_buf() posix_memalign()s them and calls
 * ibv_dontfork_range() on them (mlx5.c). */
#include "mlx5.h"

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
