// SPDX-License-Identifier: GPL-2.0
/* Built on every architecture, with code for two buses under #ifdef: CONFIG_M68K_FANCY_BUS is declared only by
 * arch/m68k's Kconfig, so no build of our four compiles that block; CONFIG_RISCV_FANCY_BUS only by arch/riscv's, so
 * riscv alone may. */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct busnic_ring {
	__le32 *desc;
	dma_addr_t desc_dma;
	unsigned int tail;
	void __iomem *doorbell;
};

static int busnic_probe(struct platform_device *pdev)
{
	struct busnic_ring *ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);

	ring->doorbell = devm_platform_ioremap_resource(pdev, 0);
	ring->desc = dma_alloc_coherent(&pdev->dev, 4096, &ring->desc_dma, GFP_KERNEL);
	return ring->desc ? 0 : -ENOMEM;
}

#ifdef CONFIG_M68K_FANCY_BUS
static void busnic_m68k_xmit(struct busnic_ring *ring, u32 len)
{
	ring->desc[ring->tail] = cpu_to_le32(len);
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}
#endif

#if IS_ENABLED(CONFIG_M68K_FANCY_BUS) || defined(CONFIG_RISCV_FANCY_BUS)
static void busnic_fancy_xmit(struct busnic_ring *ring, u32 len)
{
	ring->desc[ring->tail] = cpu_to_le32(len);
	writel_relaxed(ring->tail, ring->doorbell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (riscv64)
}
#endif
