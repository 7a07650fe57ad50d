/* Transmit paths: descriptors in the ring mapped in nic_main.c, doorbells through helpers defined there. */
#include "nic.h"

/* Clean: stores only, no doorbell here. */
static void nic_fill(struct nic_priv *priv, dma_addr_t buf, u32 len)
{
	struct nic_desc *d = &priv->ring[priv->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	priv->tail = (priv->tail + 1) & 255;
}

/* Bug: the helper in nic_main.c rings with writel_relaxed(); nothing orders the descriptor stores before it. */
void nic_xmit(struct nic_priv *priv, dma_addr_t buf, u32 len)
{
	struct nic_desc *d = &priv->ring[priv->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	nic_kick(priv); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Clean: the helper uses writel(), which orders the descriptor stores. */
void nic_xmit_ordered(struct nic_priv *priv, dma_addr_t buf, u32 len)
{
	struct nic_desc *d = &priv->ring[priv->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	nic_kick_ordered(priv);
}

/* Clean: wmb() before the relaxed helper. */
void nic_xmit_wmb(struct nic_priv *priv, dma_addr_t buf, u32 len)
{
	struct nic_desc *d = &priv->ring[priv->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	wmb();
	nic_kick(priv);
}

/* Bug: the WC burst (priv->bf is pci_iomap_wc() in nic_main.c) is still buffered at the unlock. */
void nic_push(struct nic_priv *priv, const u64 *wqe)
{
	spin_lock(&priv->lock);
	__iowrite64_copy(priv->bf, wqe, 8);
	spin_unlock(&priv->lock); // expect: missing-wc-flush (x86_64, powerpc64)
}

/* Clean: flushed before the unlock. */
void nic_push_flushed(struct nic_priv *priv, const u64 *wqe)
{
	spin_lock(&priv->lock);
	__iowrite64_copy(priv->bf, wqe, 8);
	wmb();
	spin_unlock(&priv->lock);
}

/* Bug on arm64: nothing orders the WC burst before the relaxed doorbell in the helper (x86 drains WC on the UC write). */
void nic_push_then_relaxed_kick(struct nic_priv *priv, const u64 *wqe)
{
	__iowrite64_copy(priv->bf, wqe, 8);
	nic_kick(priv); // expect: missing-wc-flush (arm64)
}
