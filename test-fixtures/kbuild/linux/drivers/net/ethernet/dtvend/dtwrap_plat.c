// SPDX-License-Identifier: GPL-2.0
/* Bound through an of_device_id table whose compatible only an arm64 DT names, and by the platform name "dtwrap",
 * which dtwrap_pci.c beside it registers for its PCI card: kept for every architecture. Fabric Lens' kbuild tests read
 * the comments: "no-kbuild:" is what --no-kbuild reports on the line, "kbuild:" what a check inside the tree reports. */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/of.h>

#define DTWRAP_DESC_OWN 0x80000000

struct dtwrap_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct dtwrap_ring {
	struct dtwrap_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int dtwrap_probe(struct platform_device *pdev)
{
	struct dtwrap_ring *ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);

	ring->doorbell = devm_platform_ioremap_resource(pdev, 0) + 0x100;
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void dtwrap_xmit(struct dtwrap_ring *ring, dma_addr_t buf, u32 len)
{
	struct dtwrap_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(DTWRAP_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

static const struct of_device_id dtwrap_of_match[] = {
	{ .compatible = "dtvend,dtnic" },
	{ }
};
MODULE_DEVICE_TABLE(of, dtwrap_of_match);

static struct platform_driver dtwrap_driver = {
	.probe = dtwrap_probe,
	.driver = {
		.name = "dtwrap",
		.of_match_table = dtwrap_of_match,
	},
};
module_platform_driver(dtwrap_driver);
