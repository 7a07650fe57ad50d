/* Stores to members the controller never reads are not what a doorbell publishes: members whose type is a typedef of
 * a pointer (a kernel virtual address, however qualified, wherever the typedef is), and, before port I/O on x86,
 * members declared volatile (the compiler keeps volatile accesses in order with the `asm volatile` of outl()). The
 * look-alikes store words a controller can read.
 * fixture-rules: missing-wmb-before-doorbell, missing-dma-rmb */
#include "stq.h"

static int stq_alloc(struct pci_dev *pdev, struct stq_host *ha)
{
	dma_addr_t dma_address;

	ha->adapt = dma_alloc_coherent(&pdev->dev, sizeof(STQ_ADAPTER), &dma_address, GFP_KERNEL);
	if (!ha->adapt)
		return -ENOMEM;
	ha->adapt->hw_start = dma_address;
	ha->ring = dma_alloc_coherent(&pdev->dev, 16 * sizeof(STQ_DESC), &ha->ring_dma, GFP_KERNEL);
	return ha->ring ? 0 : -ENOMEM;
}

/* Clean (ips_statinit): the queue pointers are `volatile PSTQ_STATUS`, the driver's own. */
static void stq_statinit(struct stq_host *ha)
{
	u32 phys;

	ha->adapt->p_start = ha->adapt->status;
	ha->adapt->p_end = ha->adapt->status + 31;
	ha->adapt->p_tail = ha->adapt->status;
	phys = ha->adapt->hw_start;
	outl(phys, ha->io_addr + 0x10);
}

/* Clean (ips_statupd_copperhead): `hw_tail` is volatile, the outl() an asm volatile after it on x86. */
static u32 stq_statupd(struct stq_host *ha)
{
	if (ha->adapt->p_tail != ha->adapt->p_end) {
		ha->adapt->p_tail++;
		ha->adapt->hw_tail += sizeof(STQ_STATUS);
	} else {
		ha->adapt->p_tail = ha->adapt->p_start;
		ha->adapt->hw_tail = ha->adapt->hw_start;
	}
	outl(ha->adapt->hw_tail, ha->io_addr + 0x14);
	return ha->adapt->p_tail->value;
}

/* Bad: the same volatile word before a relaxed MMIO write, which is no asm volatile kept in order with it. */
static void stq_statupd_mmio(struct stq_host *ha)
{
	ha->adapt->hw_tail = ha->adapt->hw_start;
	writel_relaxed(ha->adapt->hw_tail, ha->mem + 0x14); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Bad: a plain u32 before the port write. */
static void stq_next(struct stq_host *ha)
{
	ha->adapt->hw_next = ha->adapt->hw_start + 64;
	outl(1, ha->io_addr + 0x18); // expect: missing-wmb-before-doorbell (x86_64)
}

/* Clean: a typedef of a pointer typedef, and a callback, then a relaxed write. */
static void stq_rewind(struct stq_host *ha, stq_done_t done)
{
	ha->adapt->cursor = ha->adapt->status;
	ha->adapt->callback = done;
	writel_relaxed(0, ha->mem + 0x1c);
}

/* Bad: a __le64 link word the controller follows. */
static void stq_link(struct stq_host *ha, u64 next)
{
	ha->adapt->next_addr = cpu_to_le64(next);
	writel_relaxed(1, ha->mem + 0x20); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Bad: a dma_addr_t word (a bus address a device can use). */
static void stq_link_dma(struct stq_host *ha, dma_addr_t next)
{
	ha->adapt->link = next;
	writel_relaxed(1, ha->mem + 0x20); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Clean: after the status test, the CPU's cursor (a typedef of a pointer typedef) is read. */
static PSTQ_STATUS stq_rx_cursor(struct stq_host *ha, int i)
{
	PSTQ_DESC d = &ha->ring[i];

	if (le32_to_cpu(d->status) & 0x80000000)
		return NULL;
	return d->cursor;
}

/* Bad: the length the controller wrote. */
static u32 stq_rx_len(struct stq_host *ha, int i)
{
	PSTQ_DESC d = &ha->ring[i];

	if (le32_to_cpu(d->status) & 0x80000000)
		return 0;
	return le32_to_cpu(d->len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
