/* Look-alike of the nvme PCI submission path (Linux 6.1, drivers/nvme/host/pci.c):
 *   - :1840-1846 nvme_remap_bar(): dev->bar = ioremap(BAR 0), dev->dbs = dev->bar + NVME_REG_DBS;
 *     :1640 nvmeq->q_db = &dev->dbs[qid * 2 * dev->db_stride];
 *   - :1590-1616 nvme_alloc_sq_cmds(): the SQ is in the controller memory buffer (pci_alloc_p2pmem, ordinary memory
 *     by design, p2pdma.rst:122-124) or in dma_alloc_coherent() memory;
 *   - :258 the shadow doorbell buffer (dbbuf) is dma_alloc_coherent(); :339-370 nvme_dbbuf_update_and_check_event():
 *     wmb() before the shadow doorbell store, mb() before reading the event index;
 *   - :490-497 nvme_sq_copy_cmd(): memcpy() of the 64-byte SQE into sq_cmds; :473-488 nvme_write_sq_db(): writel()
 *     of the tail; :953-965 nvme_submit_cmds(): copy + doorbell under spin_lock(&nvmeq->sq_lock).
 * What a correct driver does (and 6.1 does): writel() orders the SQE stores before the doorbell on every architecture
 * (memory-barriers.txt:2571-2576) and is tracked for the unlock hand-off (mmiowb on powerpc64/riscv64), so the next
 * lock owner's doorbell cannot overtake it. memcpy() into the CMB is fine: it is P2PDMA memory, not an ioremap().
 * fixture-rules: all
 */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>
#include <linux/spinlock.h>

#define NVME_REG_DBS	0x1000
#define NVMEQ_SQ_CMB	1

struct nvme_command { u8 opcode; u8 flags; u16 command_id; __le32 nsid; __le64 rsvd[7]; };

struct nvme_queue {
	spinlock_t sq_lock;
	void *sq_cmds;
	dma_addr_t sq_dma_addr;
	u32 __iomem *q_db;
	u16 q_depth;
	u16 sq_tail;
	u16 last_sq_tail;
	u8 sqes;
	unsigned long flags;
	__le32 *dbbuf_sq_db;
	__le32 *dbbuf_sq_ei;
};

struct nvme_dev {
	struct pci_dev *pdev;
	void __iomem *bar;
	u32 __iomem *dbs;
	u32 db_stride;
	__le32 *dbbuf_dbs;
	dma_addr_t dbbuf_dbs_dma_addr;
	__le32 *dbbuf_eis;
	dma_addr_t dbbuf_eis_dma_addr;
	bool cmb_use_sqes;
};
