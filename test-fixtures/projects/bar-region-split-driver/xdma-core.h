/* cpu-phys-as-bus-address across one driver's files: the region struct is defined in a kernel header no analysed file
 * holds (struct xdma_region, as dw-edma's struct dw_edma_region lives in include/linux/dma/edma.h), so its members are
 * shared by the files of this driver (they include this local header) and by no one else. Members are keyed by struct
 * type, so the clean bus-address look-alike uses a second such struct, xdma_bus_region. */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/dma/xdma.h>

struct xdma_chip {
	void __iomem *regs;
	struct xdma_region ll_region_wr[8];
	struct xdma_bus_region bus_region_wr[8];
};

struct xdma_chunk {
	struct xdma_chip *chip;
	struct xdma_region ll_region;
	struct xdma_bus_region bus_region;
	void __iomem *ll;
};

void xdma_core_start(struct xdma_chunk *chunk, int dir);
