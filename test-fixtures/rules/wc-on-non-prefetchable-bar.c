// wc-on-non-prefetchable-bar from the code's own IORESOURCE_PREFETCH test (pci-sysfs.c:1283-1286 and proc.c:285-291
// show the right way: WC only when the flag is set). Look-alikes: WC on the prefetchable branch, a test that
// returns before mapping, a test of another BAR.
#include <linux/pci.h>
#include <linux/io.h>

#define DB_BAR 2

static void __iomem *map_doorbells(struct pci_dev *pdev)
{
	if (!(pci_resource_flags(pdev, DB_BAR) & IORESOURCE_PREFETCH))
		return pci_iomap_wc(pdev, DB_BAR, 0); // expect: wc-on-non-prefetchable-bar (x86_64, arm64, powerpc64, riscv64)
	return pci_iomap(pdev, DB_BAR, 0);
}

static void __iomem *map_after_warning(struct pci_dev *pdev)
{
	if (!(pci_resource_flags(pdev, 4) & IORESOURCE_PREFETCH))
		dev_warn(&pdev->dev, "BAR4 is not prefetchable, mapping it WC anyway\n");
	return ioremap_wc(pci_resource_start(pdev, 4), pci_resource_len(pdev, 4)); // expect: wc-on-non-prefetchable-bar (x86_64, arm64, powerpc64, riscv64)
}

/* Clean: WC only on the prefetchable branch. */
static void __iomem *map_by_flag(struct pci_dev *pdev)
{
	if (pci_resource_flags(pdev, DB_BAR) & IORESOURCE_PREFETCH)
		return pci_iomap_wc(pdev, DB_BAR, 0);
	return pci_iomap(pdev, DB_BAR, 0);
}

/* Clean: the test leaves before mapping. */
static void __iomem *map_or_fail(struct pci_dev *pdev)
{
	if (!(pci_resource_flags(pdev, 4) & IORESOURCE_PREFETCH))
		return NULL;
	return pci_ioremap_wc_bar(pdev, 4);
}

/* Clean: the ternary picks WC for a prefetchable BAR. */
static void __iomem *map_ternary(struct pci_dev *pdev)
{
	return (pci_resource_flags(pdev, 0) & IORESOURCE_PREFETCH) ? pci_iomap_wc(pdev, 0, 0) : pci_iomap(pdev, 0, 0);
}

/* Clean: the test is about another BAR. */
static void __iomem *map_other_bar(struct pci_dev *pdev)
{
	if (!(pci_resource_flags(pdev, 0) & IORESOURCE_PREFETCH))
		return pci_iomap_wc(pdev, 2, 0);
	return NULL;
}
