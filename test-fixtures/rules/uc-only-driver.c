/* Clean: a driver with uncached mappings only and writel doorbells; nothing to report. */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct uc_dev { void __iomem *regs; u32 *cmd; dma_addr_t cmd_dma; };

static int uc_probe(struct device *dev, struct uc_dev *u, phys_addr_t base)
{
	u->regs = ioremap(base, 0x1000);
	u->cmd = dma_alloc_coherent(dev, 64, &u->cmd_dma, GFP_KERNEL);
	return 0;
}

static void uc_submit(struct uc_dev *u, u32 op)
{
	u->cmd[0] = op;
	u->cmd[1] = 0;
	writel(lower_32_bits(u->cmd_dma), u->regs + 0x10);
	writel_relaxed(upper_32_bits(u->cmd_dma), u->regs + 0x14);
	memcpy_toio(u->regs + 0x100, u->cmd, 8);
}
