// SPDX-License-Identifier: GPL-2.0
/* The ring part of a three-file driver whose of_device_id half (dtmixed_of.c) only an arm64 DT names, but whose PCI half (dtmixed_pci.c) binds on any architecture: kept for every architecture. Fabric Lens' kbuild tests read the comments: "no-kbuild:" is what --no-kbuild reports on the line, "kbuild:"
 * what a check inside the tree reports (absent: the finding is dropped). */
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define DTMIXED_DESC_OWN 0x80000000

struct dtmixed_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct dtmixed_ring {
	struct dtmixed_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

int dtmixed_ring_init(struct device *dev, struct dtmixed_ring *ring, void __iomem *regs)
{
	ring->doorbell = regs + 0x100;
	ring->desc = dma_alloc_coherent(dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

void dtmixed_xmit(struct dtmixed_ring *ring, dma_addr_t buf, u32 len)
{
	struct dtmixed_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(DTMIXED_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}
