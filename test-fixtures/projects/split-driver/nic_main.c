/* Probe maps the BARs and allocates the ring; the doorbell helpers live here too. */
#include "nic.h"

int nic_probe(struct pci_dev *pdev, struct nic_priv *priv)
{
	priv->regs = pci_iomap(pdev, 0, 0);
	priv->bf = pci_iomap_wc(pdev, 2, 0);
	priv->ring = dma_alloc_coherent(&pdev->dev, 4096, &priv->ring_dma, GFP_KERNEL);
	return priv->ring ? 0 : -ENOMEM;
}

/* Relaxed doorbell: callers must order their descriptor stores themselves. */
void nic_kick(struct nic_priv *priv)
{
	writel_relaxed(priv->tail, priv->regs + 0x40);
}

/* Ordered doorbell. */
void nic_kick_ordered(struct nic_priv *priv)
{
	writel(priv->tail, priv->regs + 0x40);
}
