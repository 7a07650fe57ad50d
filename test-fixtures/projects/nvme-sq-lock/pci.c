/* Like drivers/nvme/host/pci.c (Linux 6.1); see nvme.h for the lines followed. */
#include "nvme.h"

static int nvme_remap_bar(struct nvme_dev *dev, unsigned long size)
{
	dev->bar = ioremap(pci_resource_start(dev->pdev, 0), size);
	if (!dev->bar)
		return -ENOMEM;
	dev->dbs = dev->bar + NVME_REG_DBS;
	return 0;
}

static int nvme_dbbuf_dma_alloc(struct nvme_dev *dev, unsigned int mem_size)
{
	dev->dbbuf_dbs = dma_alloc_coherent(&dev->pdev->dev, mem_size, &dev->dbbuf_dbs_dma_addr, GFP_KERNEL);
	if (!dev->dbbuf_dbs)
		return -ENOMEM;
	dev->dbbuf_eis = dma_alloc_coherent(&dev->pdev->dev, mem_size, &dev->dbbuf_eis_dma_addr, GFP_KERNEL);
	return dev->dbbuf_eis ? 0 : -ENOMEM;
}

static int nvme_alloc_sq_cmds(struct nvme_dev *dev, struct nvme_queue *nvmeq, int qid, size_t size)
{
	if (qid && dev->cmb_use_sqes) {
		nvmeq->sq_cmds = pci_alloc_p2pmem(dev->pdev, size);
		if (nvmeq->sq_cmds) {
			nvmeq->sq_dma_addr = pci_p2pmem_virt_to_bus(dev->pdev, nvmeq->sq_cmds);
			set_bit(NVMEQ_SQ_CMB, &nvmeq->flags);
			return 0;
		}
	}

	nvmeq->sq_cmds = dma_alloc_coherent(&dev->pdev->dev, size, &nvmeq->sq_dma_addr, GFP_KERNEL);
	if (!nvmeq->sq_cmds)
		return -ENOMEM;
	return 0;
}

static void nvme_init_queue(struct nvme_dev *dev, struct nvme_queue *nvmeq, int qid)
{
	nvmeq->q_db = &dev->dbs[qid * 2 * dev->db_stride];
	nvmeq->dbbuf_sq_db = &dev->dbbuf_dbs[qid * 2 * dev->db_stride];
	nvmeq->dbbuf_sq_ei = &dev->dbbuf_eis[qid * 2 * dev->db_stride];
}

static bool nvme_dbbuf_update_and_check_event(u16 value, __le32 *dbbuf_db, volatile __le32 *dbbuf_ei)
{
	if (dbbuf_db) {
		u16 old_value, event_idx;

		/* Ensure that the queue is written before updating the doorbell in memory */
		wmb();

		old_value = le32_to_cpu(*dbbuf_db);
		*dbbuf_db = cpu_to_le32(value);

		/* Ensure that the doorbell is updated before reading the event index from memory. */
		mb();

		event_idx = le32_to_cpu(*dbbuf_ei);
		if ((u16)(value - event_idx - 1) >= (u16)(value - old_value))
			return false;
	}
	return true;
}

static inline void nvme_write_sq_db(struct nvme_queue *nvmeq, bool write_sq)
{
	if (!write_sq) {
		u16 next_tail = nvmeq->sq_tail + 1;

		if (next_tail == nvmeq->q_depth)
			next_tail = 0;
		if (next_tail != nvmeq->last_sq_tail)
			return;
	}

	if (nvme_dbbuf_update_and_check_event(nvmeq->sq_tail, nvmeq->dbbuf_sq_db, nvmeq->dbbuf_sq_ei))
		writel(nvmeq->sq_tail, nvmeq->q_db);
	nvmeq->last_sq_tail = nvmeq->sq_tail;
}

static inline void nvme_sq_copy_cmd(struct nvme_queue *nvmeq, struct nvme_command *cmd)
{
	memcpy(nvmeq->sq_cmds + (nvmeq->sq_tail << nvmeq->sqes), cmd, sizeof(*cmd));
	if (++nvmeq->sq_tail == nvmeq->q_depth)
		nvmeq->sq_tail = 0;
}

/* Clean: the 6.1 shape (nvme_queue_rq :945-950 and nvme_submit_cmds :953-965). */
void nvme_submit_cmds(struct nvme_queue *nvmeq, struct nvme_command *cmds, int n)
{
	int i;

	spin_lock(&nvmeq->sq_lock);
	for (i = 0; i < n; i++)
		nvme_sq_copy_cmd(nvmeq, &cmds[i]);
	nvme_write_sq_db(nvmeq, true);
	spin_unlock(&nvmeq->sq_lock);
}

/* Bug: a relaxed doorbell. Nothing orders the SQE memcpy() before it (x86: no compiler barrier; arm64: str;
 * riscv64: sw; powerpc64 writel_relaxed is writel), and on riscv64 writel_relaxed() does not arm mmiowb, so the
 * next sq_lock owner's doorbell may reach the controller first. */
void nvme_submit_cmd_relaxed(struct nvme_queue *nvmeq, struct nvme_command *cmd)
{
	spin_lock(&nvmeq->sq_lock);
	nvme_sq_copy_cmd(nvmeq, cmd);
	writel_relaxed(nvmeq->sq_tail, nvmeq->q_db); // expect: missing-wmb-before-doorbell (arm64, riscv64, x86_64)
	spin_unlock(&nvmeq->sq_lock); // expect: mmio-unordered-with-unlock (riscv64)
}

/* Bug: the SQE written into the doorbell BAR itself with memcpy(): that is an ioremap() mapping, not the CMB. */
void nvme_bad_sqe_in_bar(struct nvme_dev *dev, struct nvme_command *cmd)
{
	memcpy(dev->bar + 0x2000, cmd, sizeof(*cmd)); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
}
