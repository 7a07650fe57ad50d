// SPDX-License-Identifier: GPL-2.0
/* Fabric Lens kbuild fixture: depends on SHARED_HV, which virt/Kconfig defines and both arch/arm64 and arch/x86 source: built on both. */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define HVNIC_DESC_OWN 0x80000000

struct hvnic_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct hvnic_ring {
	struct hvnic_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int hvnic_setup(struct pci_dev *pdev, struct hvnic_ring *ring)
{
	ring->doorbell = pci_iomap(pdev, 0, 0) + 0x100;
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void hvnic_xmit(struct hvnic_ring *ring, dma_addr_t buf, u32 len)
{
	struct hvnic_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(HVNIC_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (x86_64, arm64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64, arm64)
}
