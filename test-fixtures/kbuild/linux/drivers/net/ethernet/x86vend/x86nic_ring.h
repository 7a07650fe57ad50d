/* SPDX-License-Identifier: GPL-2.0 */
/* A local header of the x86-only driver: no Makefile names it, so it is built for what its includers (x86nic.c) are. */
#ifndef X86NIC_RING_H
#define X86NIC_RING_H

struct x86nic_mbox {
	__le32 *words;
	void __iomem *bell;
};

static inline void x86nic_mbox_post(struct x86nic_mbox *m, u32 cmd)
{
	m->words[0] = cpu_to_le32(cmd);
	writel_relaxed(1, m->bell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64)
}

#endif
