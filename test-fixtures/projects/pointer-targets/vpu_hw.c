/* Resets and the ops tables: every vpu_ops.reset writes a register with writel(). */
#include <linux/clk.h>
#include "vpu.h"

int vpu_probe(struct device *dev, struct vpu_ctx *ctx, phys_addr_t bar)
{
	ctx->regs = ioremap(bar, 4096);
	ctx->prob_tbl = dma_alloc_coherent(dev, 4096, &ctx->prob_dma, GFP_KERNEL);
	return ctx->prob_tbl ? 0 : -ENOMEM;
}

void vpu_g1_reset(struct vpu_ctx *ctx)
{
	writel(1, ctx->regs + 0x10);
}

void vpu_g2_reset(struct vpu_ctx *ctx)
{
	u32 status = readl(ctx->regs + 0x4);

	if (status & 1)
		writel(status | 2, ctx->regs + 0x4);
	writel(1, ctx->regs + 0x14);
}

static void vpu_clk_reset(struct vpu_ctx *ctx)
{
	vpu_clk_pulse(ctx);
}

static const struct vpu_ops vpu_g1_ops[] = {
	[0] = { .run = vpu_dec_run, .reset = vpu_g1_reset },
	[1] = { .run = vpu_dec_run, .reset = vpu_g2_reset },
};

static const struct vpu_aux_ops vpu_aux_tables[] = {
	{ .reset = vpu_g1_reset },
	{ .reset = vpu_clk_reset },
};
