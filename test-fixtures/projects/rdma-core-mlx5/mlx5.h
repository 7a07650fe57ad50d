/* Look-alike of the rdma-core mlx5 userspace provider send path (linux-rdma/rdma-core, providers/mlx5/):
 *   - mlx5.c: the UAR page with the BlueFlame registers is mmap()ed from the uverbs command fd at an offset built with
 *     set_command(MLX5_IB_MMAP_REGULAR_PAGE, &offset) (the kernel maps it with pgprot_writecombine,
 *     drivers/infiniband/hw/mlx5/main.c:2165-2169 uar_mmap()); the CQ UAR with MLX5_IB_MMAP_NC_PAGE (pgprot_noncached);
 *   - buf.c / dbrec.c: the send queue (posix_memalign, then ibv_dontfork_range()) and the doorbell record (carved from
 *     such a page) are user memory the HCA reads by DMA once the QP is created (registered through create-QP);
 *   - qp.c post_send_db(): udma_to_device_barrier(); doorbell record store; mmio_wc_spinlock() or mmio_wc_start();
 *     mlx5_bf_copy() (mmio_memcpy_x64) or mmio_write64_be() into bf->reg + bf->offset; mmio_flush_writes() inside the
 *     lock ("CPU A writes doorbell 1 ... CPU B writes doorbell 2 ... HCA sees doorbell 2, followed by doorbell 1");
 *     offset toggle; unlock.
 * What a correct provider does: exactly that (util/udma_barrier.h gives the per-arch instructions: udma_to_device_
 * barrier = compiler barrier on x86, dmb oshst on arm64, sync on ppc64; mmio_flush_writes = sfence / dsb st / sync).
 * Fabric Lens knows the queue buffers and the doorbell record as DMA memory (ibv_dontfork_range()), and the
 * barriers mmio_wc_spinlock()/mmio_wc_start() run, and the mmap() commands the kernel maps write-combining, so this
 * correct shape (qp.c) stays clean, and the variants without the doorbell barrier (qp-no-barrier.c) or without
 * mmio_flush_writes() before the unlock (qp-no-flush.c) are reported.
 * fixture-rules: all
 */
#include <stdint.h>
#include <stdlib.h>
#include <pthread.h>
#include <sys/mman.h>
#include <endian.h>
#include <util/mmio.h>
#include <util/udma_barrier.h>

#define MLX5_SND_DBR		1
#define MLX5_CQ_DOORBELL	0x20
#define MLX5_IB_MMAP_CMD_SHIFT	8
#define MLX5_IB_MMAP_REGULAR_PAGE	0
#define MLX5_IB_MMAP_WC_PAGE	2
#define MLX5_IB_MMAP_NC_PAGE	3

struct mlx5_spinlock { pthread_spinlock_t lock; int in_use; };

struct mlx5_bf {
	void *reg;
	int need_lock;
	struct mlx5_spinlock lock;
	unsigned int offset;
	unsigned int buf_size;
	unsigned int uuarn;
};

struct mlx5_wqe_ctrl_seg { __be32 opmod_idx_opcode; __be32 qpn_ds; uint8_t signature; uint8_t rsvd[2]; uint8_t fm_ce_se; __be32 imm; };

struct mlx5_wq { uint64_t *wrid; int offset; unsigned int head; unsigned int cur_post; unsigned int wqe_cnt; };

struct mlx5_buf { void *buf; size_t length; };

struct mlx5_db_page { struct mlx5_buf buf; };

struct mlx5_qp {
	struct mlx5_buf buf;
	void *sq_start;
	struct mlx5_wq sq;
	__be32 *db;
	struct mlx5_bf *bf;
};

struct mlx5_context { int cmd_fd; int page_size; void *uar; void *cq_uar_reg; void *either_reg; struct mlx5_spinlock cq_lock; int shut_up_bf; };

void mlx5_bf_copy(void *dst, const void *src, size_t bytecnt);
int ibv_dontfork_range(void *base, size_t size);
