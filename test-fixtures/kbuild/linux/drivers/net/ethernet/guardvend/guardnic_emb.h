/* SPDX-License-Identifier: GPL-2.0 */
/* Included by guardnic.c only under #ifdef CONFIG_GUARDNIC_EMBEDDED, which needs EMB_CPM: only the boards of a choice
 * under a PPC32-only choice select it, so none of our four builds this header. */
#ifndef GUARDNIC_EMB_H
#define GUARDNIC_EMB_H

#define GUARDNIC_EMB_OWN 0x80000000

struct guardnic_emb_desc {
	__le64 addr;
	__le32 flags;
};

struct guardnic_emb {
	struct guardnic_emb_desc *desc;
	void __iomem *bell;
};

/* Reported on powerpc64 too without kbuild: the test also fails if EMB_CPM were taken as settable there. */
static inline void guardnic_emb_post(struct guardnic_emb *e, dma_addr_t buf)
{
	e->desc[0].addr = cpu_to_le64(buf);
	e->desc[0].flags = cpu_to_le32(GUARDNIC_EMB_OWN); // no-kbuild: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	writel(1, e->bell);
}

#endif
