// SPDX-License-Identifier: GPL-2.0
/* Part of acme.o only with ACME_PPC_OFFLOAD (depends on PPC). Fabric Lens' kbuild tests read the comments: "no-kbuild:" is what --no-kbuild reports on the line,
 * "kbuild:" what a check inside the tree reports (absent: the finding is dropped). */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define ACME_PPC_DESC_OWN 0x80000000

struct acme_ppc_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct acme_ppc_ring {
	struct acme_ppc_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
	struct acme_ppc_regs __iomem *regs;
};

struct acme_ppc_regs { u32 mode; u32 stat; };

static int acme_ppc_setup(struct pci_dev *pdev, struct acme_ppc_ring *ring)
{
	ring->doorbell = pci_iomap(pdev, 0, 0) + 0x100;
	ring->regs = pci_iomap(pdev, 1, 0);
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void acme_ppc_xmit(struct acme_ppc_ring *ring, dma_addr_t buf, u32 len)
{
	struct acme_ppc_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(ACME_PPC_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (powerpc64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64);
}

/* A plain u32 read: byte-swapped on big-endian powerpc64 for a little-endian device, but a driver built for powerpc
 * alone is taken to address big-endian registers (in native order), so the kbuild check drops it. */
static u32 acme_ppc_mode(struct acme_ppc_ring *ring)
{
	return ring->regs->mode; // no-kbuild: iomem-plain-access (powerpc64);
}
