// SPDX-License-Identifier: GPL-2.0
/* Bound only by name; only x86 platform code registers the device: kept for x86_64 only. */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define DRV_NAME "x86-board-nic"

struct x86boardnic_ring {
	__le32 *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int x86boardnic_probe(struct platform_device *pdev)
{
	struct x86boardnic_ring *ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);

	ring->doorbell = devm_platform_ioremap_resource(pdev, 0);
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void x86boardnic_xmit(struct x86boardnic_ring *ring, u32 len)
{
	ring->desc[ring->tail] = cpu_to_le32(len);
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64)
}

static struct platform_driver x86boardnic_driver = {
	.probe = x86boardnic_probe,
	.driver = {
		.name = DRV_NAME,
	},
};
module_platform_driver(x86boardnic_driver);
MODULE_ALIAS("platform:" DRV_NAME);
