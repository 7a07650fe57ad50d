// SPDX-License-Identifier: GPL-2.0
/* Bound only by name, a macro of include/linux/platform_data/hdrnic.h that only x86 platform code uses: kept for x86_64 only. */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/platform_data/hdrnic.h>

struct hdrnic_ring {
	__le32 *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int hdrnic_probe(struct platform_device *pdev)
{
	struct hdrnic_ring *ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);

	ring->doorbell = devm_platform_ioremap_resource(pdev, 0);
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void hdrnic_xmit(struct hdrnic_ring *ring, u32 len)
{
	ring->desc[ring->tail] = cpu_to_le32(len);
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64)
}

static struct platform_driver hdrnic_driver = {
	.probe = hdrnic_probe,
	.driver = {
		.name = HDRNIC_DRIVER_NAME,
	},
};
module_platform_driver(hdrnic_driver);
MODULE_ALIAS("platform:" HDRNIC_DRIVER_NAME);
