/* Like efa_sq_initialize() and efa_post_send() (providers/efa/verbs.c). */
#include "efa.h"

int efa_sq_initialize(struct efa_qp *qp, struct efa_create_qp_resp *resp)
{
	uint8_t *db_base;

	qp->sq.desc = mmap(NULL, qp->sq.desc_ring_mmap_size, PROT_WRITE, MAP_SHARED, qp->cmd_fd, resp->llq_desc_mmap_key);
	if (qp->sq.desc == MAP_FAILED)
		return -1;
	qp->sq.desc += resp->llq_desc_offset;
	db_base = mmap(NULL, qp->page_size, PROT_WRITE, MAP_SHARED, qp->cmd_fd, resp->sq_db_mmap_key);
	if (db_base == MAP_FAILED)
		return -1;
	qp->sq.db = (uint32_t *)(db_base + resp->sq_db_offset);
	return 0;
}

/* The correct shape: the WQE copy is flushed before the doorbell. libc memcpy() into the write-combining ring is a
 * plain copy (on powerpc64 the page is cache-inhibited: the unaligned accesses and dcbz a memcpy() uses raise
 * alignment interrupts; rdma-core's mmio_memcpy_x64() is its accessor for this). */
void efa_post_one(struct efa_qp *qp, const struct efa_io_tx_wqe *wqe)
{
	uint32_t off;

	mmio_wc_spinlock(&qp->sq.wq.wqlock);
	off = (qp->sq.wq.desc_idx & qp->sq.wq.desc_mask) * sizeof(*wqe);
	memcpy(qp->sq.desc + off, wqe, sizeof(*wqe)); // expect: iomem-plain-access (powerpc64)
	qp->sq.wq.desc_idx++;
	mmio_flush_writes();
	mmio_write32(qp->sq.db, qp->sq.wq.desc_idx);
	pthread_spin_unlock(&qp->sq.wq.wqlock);
}

/* Bug: the flush dropped. The non-cached doorbell store may reach the device while the WQE still sits in the
 * write-combining buffers: arm64 (str to Device memory after Normal-NC stores, no barrier), powerpc64 (plain stw,
 * no sync), riscv64 (sw to I/O after stores to NC main memory, no fence). On x86_64 an uncached store evicts the WC
 * buffers in hardware. */
void efa_post_one_no_flush(struct efa_qp *qp, const struct efa_io_tx_wqe *wqe)
{
	uint32_t off;

	mmio_wc_spinlock(&qp->sq.wq.wqlock);
	off = (qp->sq.wq.desc_idx & qp->sq.wq.desc_mask) * sizeof(*wqe);
	mmio_memcpy_x64(qp->sq.desc + off, wqe, sizeof(*wqe));
	qp->sq.wq.desc_idx++;
	mmio_write32(qp->sq.db, qp->sq.wq.desc_idx); // expect: missing-wc-flush (arm64, powerpc64, riscv64)
	pthread_spin_unlock(&qp->sq.wq.wqlock);
}
