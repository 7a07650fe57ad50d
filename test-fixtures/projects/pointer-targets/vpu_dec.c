/* Decoders: probability-table stores, a reset through the ops table, then relaxed register writes. */
#include "vpu.h"

/* Clean: every vpu_ops.reset (vpu_g1_reset, vpu_g2_reset in vpu_hw.c) ends in writel(), whose barrier orders the
 * table stores before the relaxed write that follows. */
int vpu_dec_run(struct vpu_ctx *ctx)
{
	ctx->prob_tbl[0] = 7;
	ctx->ops->reset(ctx);
	writel_relaxed(1, ctx->regs + 0x20);
	return 0;
}

/* vpu_aux_ops.reset may be vpu_clk_reset, which writes no register: the store may pass the relaxed write. */
int vpu_dec_run_aux(struct vpu_ctx *ctx)
{
	ctx->prob_tbl[0] = 7;
	ctx->aux->reset(ctx);
	writel_relaxed(1, ctx->regs + 0x20); // expect: missing-wmb-before-doorbell (arm64, riscv64)
	return 0;
}
