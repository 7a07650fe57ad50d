/* An NVMe queue pair in the shape of SPDK's userspace NVMe driver (lib/nvme/nvme_pcie*.c): the rings are spdk_zmalloc()
 * memory whose bus address spdk_vtophys() gives the controller, the doorbells sit in BAR0, which
 * spdk_pci_device_map_bar() maps (through DPDK's EAL: vfio-pci, uncached), the code orders them with
 * spdk_wmb()/spdk_rmb() (include/spdk/barrier.h: the kernel's wmb()/rmb() on each architecture) and writes them with
 * spdk_mmio_write_4() (include/spdk/mmio.h: a plain volatile store). fixture-rules: all */
#include <stdint.h>
#include "spdk/env.h"
#include "spdk/barrier.h"
#include "spdk/mmio.h"

struct nvme_cmd { uint32_t cdw0; uint32_t nsid; uint64_t rsvd; uint64_t mptr; uint64_t prp1; uint64_t prp2; uint32_t cdw10; };
struct nvme_cpl { uint32_t cdw0; uint32_t rsvd; uint16_t sqhd; uint16_t sqid; uint16_t cid; uint16_t status; };
struct nvme_regs { uint32_t cap_lo; uint32_t cap_hi; uint32_t pad[1022]; uint32_t doorbell[16]; };

struct qpair {
	struct nvme_cmd *cmd;
	struct nvme_cpl *cpl;
	uint64_t cmd_bus_addr;
	uint64_t cpl_bus_addr;
	volatile uint32_t *sq_tdbl;
	volatile uint32_t *cq_hdbl;
	uint16_t sq_tail;
	uint16_t cq_head;
	uint8_t phase;
};

struct ctrlr { volatile struct nvme_regs *regs; struct spdk_pci_device *devhandle; };

static int ctrlr_map_bar(struct ctrlr *c)
{
	uint64_t phys, size;
	void *addr;
	int rc;

	rc = spdk_pci_device_map_bar(c->devhandle, 0, &addr, &phys, &size);
	if (rc)
		return rc;
	c->regs = (volatile struct nvme_regs *)addr;
	return 0;
}

static int qpair_construct(struct ctrlr *c, struct qpair *q, uint16_t id)
{
	q->cmd = spdk_zmalloc(4096, 4096, NULL, SPDK_ENV_SOCKET_ID_ANY, SPDK_MALLOC_DMA);
	q->cpl = spdk_zmalloc(4096, 4096, NULL, SPDK_ENV_SOCKET_ID_ANY, SPDK_MALLOC_DMA);
	if (!q->cmd || !q->cpl)
		return -1;
	q->cmd_bus_addr = spdk_vtophys(q->cmd, NULL);
	q->cpl_bus_addr = spdk_vtophys(q->cpl, NULL);
	q->sq_tdbl = &c->regs->doorbell[2 * id];
	q->cq_hdbl = &c->regs->doorbell[2 * id + 1];
	q->phase = 1;
	return 0;
}

/* The command is written into the ring, then the tail doorbell: without spdk_wmb() between, the doorbell may reach the
 * controller before the command. */
static void submit(struct qpair *q, uint64_t prp, uint32_t nsid)
{
	struct nvme_cmd *cmd = &q->cmd[q->sq_tail];

	cmd->nsid = nsid;
	cmd->prp1 = prp;
	if (++q->sq_tail == 64)
		q->sq_tail = 0;
	spdk_mmio_write_4(q->sq_tdbl, q->sq_tail); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: SPDK's own order (nvme_pcie_qpair_submit_tracker()). */
static void submit_ordered(struct qpair *q, uint64_t prp, uint32_t nsid)
{
	struct nvme_cmd *cmd = &q->cmd[q->sq_tail];

	cmd->nsid = nsid;
	cmd->prp1 = prp;
	if (++q->sq_tail == 64)
		q->sq_tail = 0;
	spdk_wmb();
	spdk_mmio_write_4(q->sq_tdbl, q->sq_tail);
}

/* The phase bit of the completion says the controller wrote it; its other fields are read after it, with no spdk_rmb()
 * between. */
static int process_one(struct qpair *q, uint16_t *cid)
{
	struct nvme_cpl *cpl = &q->cpl[q->cq_head];

	if ((cpl->status & 1) != q->phase)
		return 0;
	*cid = cpl->cid; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	if (++q->cq_head == 64) {
		q->cq_head = 0;
		q->phase = !q->phase;
	}
	spdk_mmio_write_4(q->cq_hdbl, q->cq_head);
	return 1;
}

/* Clean: spdk_rmb() after the phase check (nvme_pcie_qpair_process_completions()). */
static int process_one_ordered(struct qpair *q, uint16_t *cid)
{
	struct nvme_cpl *cpl = &q->cpl[q->cq_head];

	if ((cpl->status & 1) != q->phase)
		return 0;
	spdk_rmb();
	*cid = cpl->cid;
	if (++q->cq_head == 64) {
		q->cq_head = 0;
		q->phase = !q->phase;
	}
	spdk_mmio_write_4(q->cq_hdbl, q->cq_head);
	return 1;
}
