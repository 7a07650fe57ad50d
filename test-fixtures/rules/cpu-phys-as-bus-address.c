// cpu-phys-as-bus-address: BAR CPU addresses handed to a device, shaped after dw-edma-pcie.c:237-271 (the linked-list
// region's "paddr" taken from pdev->resource[bar].start, then programmed into the channel's LLP registers and into the
// linked list itself by dw-edma-v0-core.c:353-356, 441-444), beside look-alikes that use pci_bus_address() or a
// platform resource.
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dmaengine.h>

struct edma_region { void __iomem *vaddr; phys_addr_t paddr; size_t sz; };
struct edma_bus_region { phys_addr_t paddr; };
struct edma_chip { struct edma_region ll_region; struct edma_bus_region bus_region; void __iomem *regs; };
struct edma_desc { __le64 src; __le64 dst; __le32 len; };

#define SET_LL_64(ll, value) writeq(value, ll)

static inline void writel_ch(struct edma_chip *chip, u32 value, void __iomem *addr)
{
	writel(value, addr);
}

#define SET_CH_32(chip, reg, value) writel_ch(chip, value, (chip)->regs + (reg))

static int edma_pcie_probe(struct pci_dev *pdev, struct edma_chip *chip, int bar)
{
	struct edma_region *ll = &chip->ll_region;
	struct edma_bus_region *bus = &chip->bus_region;

	ll->vaddr = pci_iomap(pdev, bar, 0);
	ll->paddr = pdev->resource[bar].start;
	bus->paddr = pci_bus_address(pdev, bar);
	chip->regs = pci_iomap(pdev, 0, 0);
	return 0;
}

static void edma_start(struct edma_chip *chip)
{
	SET_CH_32(chip, 0x10, lower_32_bits(chip->ll_region.paddr)); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	SET_CH_32(chip, 0x14, upper_32_bits(chip->ll_region.paddr)); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	SET_LL_64(chip->ll_region.vaddr + 8, chip->ll_region.paddr); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	/* Clean: the bus address. */
	SET_CH_32(chip, 0x18, lower_32_bits(chip->bus_region.paddr));
}

/* A descriptor in coherent memory pointing the device at another BAR by its CPU address. */
static void fill_desc(struct pci_dev *pdev, struct device *dev, dma_addr_t *handle)
{
	struct edma_desc *d = dma_alloc_coherent(dev, sizeof(*d), handle, GFP_KERNEL);
	struct resource *res = &pdev->resource[2];

	d->dst = cpu_to_le64(pci_resource_start(pdev, 4)); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	d->src = cpu_to_le64(res->start); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	/* Clean: the bus address in the descriptor. */
	d->len = cpu_to_le32(lower_32_bits(pci_bus_address(pdev, 4)));
}

/* A DMA engine told to copy into a BAR by its CPU address. */
static void copy_to_bar(struct pci_dev *pdev, struct dma_chan *chan, dma_addr_t src)
{
	dmaengine_prep_dma_memcpy(chan, pci_resource_start(pdev, 2), src, SZ_4K, 0); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
}

/* Clean: a platform device's register address written to a SoC register (no PCI host bridge in between). */
static void soc_set_fifo(struct platform_device *plat, void __iomem *regs)
{
	struct resource *res = platform_get_resource(plat, IORESOURCE_MEM, 0);

	writel(lower_32_bits(res->start), regs + 0x20);
	writel(plat->resource[1].start, regs + 0x24);
}

/* Clean: the BAR address only logged and compared, never given to the device. */
static void log_bar(struct pci_dev *pdev, void __iomem *regs)
{
	phys_addr_t base = pci_resource_start(pdev, 0);

	dev_info(&pdev->dev, "BAR0 at %pa\n", &base);
	writel(0x1, regs + 0x4);
}
