// SPDX-License-Identifier: GPL-2.0
/* Built for every architecture, but bound only through its of_device_id table, whose compatible only an arm64 DT
 * (via an included dtsi) names: kept for arm64 only. Fabric Lens' kbuild tests read the comments: "no-kbuild:" is
 * what --no-kbuild reports on the line, "kbuild:" what a check inside the tree reports (absent: the finding is dropped). */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/of.h>

#define DTNIC_DESC_OWN 0x80000000

struct dtnic_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct dtnic_ring {
	struct dtnic_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int dtnic_probe(struct platform_device *pdev)
{
	struct dtnic_ring *ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);

	ring->doorbell = devm_platform_ioremap_resource(pdev, 0) + 0x100;
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void dtnic_xmit(struct dtnic_ring *ring, dma_addr_t buf, u32 len)
{
	struct dtnic_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(DTNIC_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (arm64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (arm64)
}

static const struct of_device_id dtnic_of_match[] = {
	{ .compatible = "dtvend,dtnic" },
	{ }
};
MODULE_DEVICE_TABLE(of, dtnic_of_match);

static struct platform_driver dtnic_driver = {
	.probe = dtnic_probe,
	.driver = {
		.name = "dtnic",
		.of_match_table = dtnic_of_match,
	},
};
module_platform_driver(dtnic_driver);
