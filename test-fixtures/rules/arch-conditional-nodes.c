/* Rules that judge one access, barrier or mapping alone name only the targets some path reaches it on: inside a C `if`
 * on Kconfig symbols (src/analysis/preproc-conditions.ts branchTargets), only the targets that take the branch.
 * fixture-rules: iomem-plain-access, mapping-unsupported-on-arch, redundant-barrier */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

struct nic {
	u8 __iomem *sram;
	void __iomem *regs;
	void __iomem *push;
	u32 *ring;
	dma_addr_t ring_dma;
};

static int nic_map(struct pci_dev *pdev, struct nic *n)
{
	n->sram = ioremap(pci_resource_start(pdev, 2), 4096);
	n->regs = pci_ioremap_bar(pdev, 0);
	n->ring = dma_alloc_coherent(&pdev->dev, 4096, &n->ring_dma, GFP_KERNEL);
	if (IS_ENABLED(CONFIG_X86))
		n->push = ioremap_wc(pci_resource_start(pdev, 4), 4096);
	if (IS_ENABLED(CONFIG_RISCV))
		n->push = ioremap_wc(pci_resource_start(pdev, 4), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	return 0;
}

/* A copy only arm64 and riscv64 compile names only them. */
static void nic_load(struct nic *n, const void *fw)
{
	if (IS_ENABLED(CONFIG_ARM64) || IS_ENABLED(CONFIG_RISCV))
		memcpy(n->sram, fw, 64); // expect: iomem-plain-access (arm64, riscv64)
	else
		memcpy_toio(n->sram, fw, 64);
}

/* A wmb() only x86_64 compiles, before an ordered writel(): redundant there alone. */
static void nic_post(struct nic *n, u32 v)
{
	n->ring[0] = v;
	if (IS_ENABLED(CONFIG_X86))
		wmb(); // expect: redundant-barrier (x86_64)
	writel(v, n->regs + 0x40);
}
