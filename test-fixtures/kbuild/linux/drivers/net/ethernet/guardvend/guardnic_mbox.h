/* SPDX-License-Identifier: GPL-2.0 */
/* Included by guardnic.c only under #if IS_ENABLED(CONFIG_GUARDNIC_MAILBOX), an option any architecture can set: kept. */
#ifndef GUARDNIC_MBOX_H
#define GUARDNIC_MBOX_H

struct guardnic_mbox {
	__le32 *words;
	void __iomem *bell;
};

static inline void guardnic_mbox_post(struct guardnic_mbox *m, u32 cmd)
{
	m->words[0] = cpu_to_le32(cmd);
	writel_relaxed(1, m->bell); // no-kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64); kbuild: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

#endif
