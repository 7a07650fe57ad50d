/* Look-alike of the rdma-core efa provider's send queue (linux-rdma/rdma-core providers/efa/verbs.c): the LLQ
 * descriptor ring is mmap()ed from the uverbs command fd at resp->llq_desc_mmap_key, which the 6.1 kernel maps
 * write-combining (drivers/infiniband/hw/efa/efa_verbs.c:512-517, 1898-1901), and the doorbell page at
 * resp->sq_db_mmap_key, non-cached (:499-503, 1892-1895). efa_post_send() copies each WQE into the ring, then
 * mmio_flush_writes() and the doorbell, inside the queue's lock.
 * fixture-rules: missing-wc-flush, iomem-plain-access, missing-wmb-before-doorbell, mmio-unordered-with-unlock
 */
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <sys/mman.h>
#include <util/mmio.h>
#include <util/udma_barrier.h>

struct efa_io_tx_wqe { uint32_t meta[8]; uint64_t data[4]; };

struct efa_create_qp_resp { uint64_t llq_desc_mmap_key; uint64_t sq_db_mmap_key; uint32_t llq_desc_offset; uint32_t sq_db_offset; };

struct efa_wq { pthread_spinlock_t wqlock; uint32_t desc_idx; uint32_t desc_mask; };

struct efa_sq { struct efa_wq wq; uint8_t *desc; uint32_t *db; size_t desc_ring_mmap_size; };

struct efa_qp { struct efa_sq sq; int cmd_fd; int page_size; };
