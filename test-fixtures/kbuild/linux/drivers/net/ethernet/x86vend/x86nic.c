// SPDX-License-Identifier: GPL-2.0
/* An x86-only driver (depends on X86). Fabric Lens' kbuild tests read the comments: "no-kbuild:" is what --no-kbuild reports on the line,
 * "kbuild:" what a check inside the tree reports (absent: the finding is dropped). */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include "x86nic_ring.h"

#define X86NIC_DESC_OWN 0x80000000

struct x86nic_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct x86nic_ring {
	struct x86nic_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int x86nic_setup(struct pci_dev *pdev, struct x86nic_ring *ring)
{
	ring->doorbell = pci_iomap(pdev, 0, 0) + 0x100;
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void x86nic_xmit(struct x86nic_ring *ring, dma_addr_t buf, u32 len)
{
	struct x86nic_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(X86NIC_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (x86_64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64)
}

static int x86nic_mbox_setup(struct pci_dev *pdev, struct x86nic_mbox *m, dma_addr_t *dma)
{
	m->bell = pci_iomap(pdev, 0, 0) + 0x200;
	m->words = dma_alloc_coherent(&pdev->dev, 64, dma, GFP_KERNEL);
	return m->words ? 0 : -ENOMEM;
}

/* Uses the header's helper: a static helper no includer calls is never compiled (and not reported). */
static void x86nic_mbox_cmd(struct x86nic_mbox *m, u32 cmd)
{
	x86nic_mbox_post(m, cmd);
}

#include "selftests/x86nic_selftest.c"
