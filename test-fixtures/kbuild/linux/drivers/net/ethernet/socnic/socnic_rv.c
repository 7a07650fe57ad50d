// SPDX-License-Identifier: GPL-2.0
/* Promptless SOCNIC_RV, selected from arch/arm/Kconfig and arch/riscv/Kconfig: built for riscv64 only. Fabric Lens' kbuild tests read the comments: "no-kbuild:" is what --no-kbuild reports on the line,
 * "kbuild:" what a check inside the tree reports (absent: the finding is dropped). */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define SOCNIC_RV_DESC_OWN 0x80000000

struct socnic_rv_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct socnic_rv_ring {
	struct socnic_rv_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int socnic_rv_setup(struct pci_dev *pdev, struct socnic_rv_ring *ring)
{
	ring->doorbell = pci_iomap(pdev, 0, 0) + 0x100;
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void socnic_rv_xmit(struct socnic_rv_ring *ring, dma_addr_t buf, u32 len)
{
	struct socnic_rv_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(SOCNIC_RV_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (riscv64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (riscv64)
}
