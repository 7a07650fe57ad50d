// SPDX-License-Identifier: GPL-2.0
/* A PCI NIC built everywhere whose two local headers are included only under Kconfig options: each header is built
 * only where its #ifdef's symbol can be set (guardnic_emb.h nowhere on our four, guardnic_mbox.h everywhere). */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#ifdef CONFIG_GUARDNIC_EMBEDDED
#include "guardnic_emb.h"
#endif

#if IS_ENABLED(CONFIG_GUARDNIC_MAILBOX)
#include "guardnic_mbox.h"
#endif

#ifdef CONFIG_GUARDNIC_EMBEDDED
static int guardnic_emb_setup(struct pci_dev *pdev, struct guardnic_emb *e, dma_addr_t *dma)
{
	e->bell = pci_iomap(pdev, 0, 0) + 0x300;
	e->desc = dma_alloc_coherent(&pdev->dev, 4096, dma, GFP_KERNEL);
	return e->desc ? 0 : -ENOMEM;
}

static void guardnic_emb_send(struct guardnic_emb *e, dma_addr_t buf)
{
	guardnic_emb_post(e, buf);
}
#endif

#if IS_ENABLED(CONFIG_GUARDNIC_MAILBOX)
static int guardnic_mbox_setup(struct pci_dev *pdev, struct guardnic_mbox *m, dma_addr_t *dma)
{
	m->bell = pci_iomap(pdev, 0, 0) + 0x200;
	m->words = dma_alloc_coherent(&pdev->dev, 64, dma, GFP_KERNEL);
	return m->words ? 0 : -ENOMEM;
}

static void guardnic_mbox_cmd(struct guardnic_mbox *m, u32 cmd)
{
	guardnic_mbox_post(m, cmd);
}
#endif
