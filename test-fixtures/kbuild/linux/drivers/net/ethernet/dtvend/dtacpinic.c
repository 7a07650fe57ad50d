// SPDX-License-Identifier: GPL-2.0
/* Built for every architecture, bound through its of_device_id table, whose compatible only an arm64 DT names, and
 * through ACPI, which Linux 6.1 has on x86_64 and arm64 only (bcmgenet.c binds this way): kept for those two. */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/of.h>
#include <linux/acpi.h>

#define DTACPINIC_DESC_OWN 0x80000000

struct dtacpinic_desc {
	__le64 addr;
	__le32 len;
	__le32 flags;
};

struct dtacpinic_ring {
	struct dtacpinic_desc *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int dtacpinic_probe(struct platform_device *pdev)
{
	struct dtacpinic_ring *ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);

	ring->doorbell = devm_platform_ioremap_resource(pdev, 0) + 0x100;
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

static void dtacpinic_xmit(struct dtacpinic_ring *ring, dma_addr_t buf, u32 len)
{
	struct dtacpinic_desc *d = &ring->desc[ring->tail];

	d->addr = cpu_to_le64(buf);
	d->len = cpu_to_le32(len);
	d->flags = cpu_to_le32(DTACPINIC_DESC_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64); kbuild: missing-dma-wmb-before-ownership (x86_64, arm64)
	ring->tail = (ring->tail + 1) & 255;
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64, arm64)
}

static const struct of_device_id dtacpinic_of_match[] = {
	{ .compatible = "dtvend,dtacpinic" },
	{ }
};
MODULE_DEVICE_TABLE(of, dtacpinic_of_match);

static const struct acpi_device_id dtacpinic_acpi_match[] = {
	{ "DTV0001", 0 },
	{ }
};
MODULE_DEVICE_TABLE(acpi, dtacpinic_acpi_match);

static struct platform_driver dtacpinic_driver = {
	.probe = dtacpinic_probe,
	.driver = {
		.name = "dtacpinic",
		.of_match_table = dtacpinic_of_match,
		.acpi_match_table = ACPI_PTR(dtacpinic_acpi_match),
	},
};
module_platform_driver(dtacpinic_driver);
