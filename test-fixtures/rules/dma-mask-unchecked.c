// dma-mask-unchecked: narrow DMA masks whose failure is ignored (the device keeps the 32-bit PCI default and is then
// handed addresses it cannot drive), beside the look-alikes that are safe: checked results, and ignored 64/40/32-bit
// requests (a failure leaves a narrower mask in force, kernel/dma/mapping.c:753-784, drivers/pci/probe.c:1877).
#include <linux/pci.h>
#include <linux/dma-mapping.h>

#define LEGACY_DMA_BITS 24
#define SOUND_DMA_MASK 0x3fffffff

static int legacy_probe(struct pci_dev *pdev)
{
	dma_set_mask(&pdev->dev, DMA_BIT_MASK(LEGACY_DMA_BITS)); // expect: dma-mask-unchecked (x86_64, arm64, powerpc64, riscv64)
	return 0;
}

static int sound_probe(struct pci_dev *pdev)
{
	int err;

	err = dma_set_mask_and_coherent(&pdev->dev, SOUND_DMA_MASK); // expect: dma-mask-unchecked (x86_64, arm64, powerpc64, riscv64)
	err = pci_enable_device(pdev);
	return err;
}

static int coherent_only(struct pci_dev *pdev)
{
	(void)dma_set_coherent_mask(&pdev->dev, DMA_BIT_MASK(28)); // expect: dma-mask-unchecked (x86_64, arm64, powerpc64, riscv64)
	return 0;
}

/* Clean: the narrow mask is checked. */
static int checked_probe(struct pci_dev *pdev)
{
	if (dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(31))) {
		dev_err(&pdev->dev, "no usable DMA configuration\n");
		return -EIO;
	}
	return 0;
}

/* Clean: stored and tested. */
static int checked_later(struct pci_dev *pdev)
{
	int ret = dma_set_mask(&pdev->dev, DMA_BIT_MASK(30));

	if (ret)
		return ret;
	return 0;
}

/* Clean: ignored 64- and 32-bit requests: on failure the device keeps a mask at most as wide as it asked for. */
static int wide_probe(struct pci_dev *pdev)
{
	dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (dma_set_mask(&pdev->dev, DMA_BIT_MASK(40)))
		dma_set_mask(&pdev->dev, DMA_BIT_MASK(32));
	return 0;
}
