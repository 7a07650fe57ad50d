// SPDX-License-Identifier: GPL-2.0
/* Built for every architecture; its of_device_id table's compatible only an arm64 DT names, but an MFD cell
 * (drivers/mfd/dtvend-core.c) registers its platform name: kept for every architecture. Fabric Lens' kbuild tests read the comments: "no-kbuild:" is
 * what --no-kbuild reports on the line, "kbuild:" what a check inside the tree reports (absent: the finding is dropped). */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/of.h>

#define DTMFDNIC_DESC_OWN 0x80000000

struct dtmfdnic_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct dtmfdnic_ring {
	struct dtmfdnic_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int dtmfdnic_probe(struct platform_device *pdev)
{
	struct dtmfdnic_ring *ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);

	ring->doorbell = devm_platform_ioremap_resource(pdev, 0) + 0x100;
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void dtmfdnic_xmit(struct dtmfdnic_ring *ring, dma_addr_t buf, u32 len)
{
	struct dtmfdnic_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(DTMFDNIC_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

static const struct of_device_id dtmfdnic_of_match[] = {
	{ .compatible = "dtvend,dtnic" },
	{ }
};
MODULE_DEVICE_TABLE(of, dtmfdnic_of_match);

static struct platform_driver dtmfdnic_driver = {
	.probe = dtmfdnic_probe,
	.driver = {
		.name = "dtvend-mfd-eth",
		.of_match_table = dtmfdnic_of_match,
	},
};
module_platform_driver(dtmfdnic_driver);
