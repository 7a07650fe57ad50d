// SPDX-License-Identifier: GPL-2.0
/* A selftest #included by ../x86nic.c (as i915's selftests are): built only where x86nic.c is. */

static int x86nic_selftest_map(struct pci_dev *pdev)
{
	void __iomem *wc = ioremap_wc(pci_resource_start(pdev, 2), 4096); // no-kbuild: mapping-unsupported-on-arch (riscv64)

	if (!wc)
		return -ENOMEM;
	writel(0, wc);
	iounmap(wc);
	return 0;
}
