// SPDX-License-Identifier: GPL-2.0
/* A small PCIe NIC driver written for Fabric Lens' demo: a TX ring in coherent DMA memory,
 * a doorbell register in BAR0 and a write-combining "push" window in BAR2.
 * Expectations for Fabric Lens' own tests are written on the lines they concern. fixture-rules: all */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/spinlock.h>

struct demo_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct demo_ring {
	struct demo_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
	void __iomem *push;
	spinlock_t lock;
};

struct demo_priv {
	struct pci_dev *pdev;
	void __iomem *regs;
	void __iomem *push_window;
	struct demo_ring tx;
};

#define DEMO_DESC_OWN 0x80000000

static int demo_setup(struct demo_priv *priv)
{
	struct demo_ring *ring = &priv->tx;

	priv->regs = pci_iomap(priv->pdev, 0, 0);
	priv->push_window = pci_iomap_wc(priv->pdev, 2, 0); // expect: mapping-unsupported-on-arch (riscv64)
	ring->doorbell = priv->regs + 0x100;
	ring->push = priv->push_window;
	ring->desc = dma_alloc_coherent(&priv->pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	if (!ring->desc)
		return -ENOMEM;
	return 0;
}

/* Bug: the descriptor may reach the device after the doorbell on every architecture. */
static void demo_xmit(struct demo_ring *ring, dma_addr_t buf, u32 len)
{
	struct demo_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(DEMO_DESC_OWN); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Fine: writel() orders the descriptor stores before the doorbell. */
static void demo_xmit_ordered(struct demo_ring *ring, dma_addr_t buf, u32 len)
{
	struct demo_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	ring->tail = (ring->tail + 1) & 255;
	writel(ring->tail, ring->doorbell);
}

/* Bug: the pushed descriptor sits in write-combining buffers when the lock is released. */
static void demo_push(struct demo_ring *ring, const u64 *wqe)
{
	unsigned long flags;

	spin_lock_irqsave(&ring->lock, flags);
	__iowrite64_copy(ring->push, wqe, 8);
	spin_unlock_irqrestore(&ring->lock, flags); // expect: missing-wc-flush (x86_64, powerpc64); mmio-unordered-with-unlock (riscv64)
}
