/* A codec driver split over files: ops tables in vpu_hw.c, decoders in vpu_dec.c, the structs here. */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct vpu_ctx;

struct vpu_ops {
	int (*run)(struct vpu_ctx *ctx);
	void (*reset)(struct vpu_ctx *ctx);
};

struct vpu_aux_ops {
	void (*reset)(struct vpu_ctx *ctx);
};

struct vpu_ctx {
	u32 *prob_tbl;
	dma_addr_t prob_dma;
	void __iomem *regs;
	const struct vpu_ops *ops;
	const struct vpu_aux_ops *aux;
};

void vpu_g1_reset(struct vpu_ctx *ctx);
void vpu_g2_reset(struct vpu_ctx *ctx);
int vpu_dec_run(struct vpu_ctx *ctx);
int vpu_dec_run_aux(struct vpu_ctx *ctx);
