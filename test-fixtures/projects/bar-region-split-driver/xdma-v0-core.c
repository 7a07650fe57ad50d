/* The register macros: token-pasting macros that do not parse as C come before the ones that program the addresses
 * (as in dw-edma-v0-core.c), and must not take them down with them. */
#include "xdma-core.h"

#define SET_32(chip, off, value) writel(value, (chip)->regs + (off))

#define SET_RW_32(chip, dir, name, value) \
	do { \
		if ((dir) == 0) \
			SET_32(chip, wr_##name, value); \
		else \
			SET_32(chip, rd_##name, value); \
	} while (0)

#define GET_32(chip, off) readl((chip)->regs + (off))

#define GET_RW_32(chip, dir, name) \
	((dir) == 0 \
	  ? GET_32(chip, wr_##name) \
	  : GET_32(chip, rd_##name))

#define SET_BOTH_32(chip, name, value) \
	do { \
		SET_32(chip, wr_##name, value); \
		SET_32(chip, rd_##name, value); \
	} while (0)

static inline void writel_ch(struct xdma_chip *chip, int dir, u32 value, void __iomem *addr)
{
	if (dir)
		writel(0x1, chip->regs + 0x4);
	writel(value, addr);
}

#define SET_CH_32(chip, dir, off, value) \
	writel_ch(chip, dir, value, (chip)->regs + (off))

#define GET_CH_32(chip, dir, off) \
	readl((chip)->regs + (off))

#define SET_LL_64(ll, value) \
	writeq(value, ll)

void xdma_core_start(struct xdma_chunk *chunk, int dir)
{
	struct xdma_chip *chip = chunk->chip;

	SET_LL_64(chunk->ll, chunk->ll_region.paddr); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	SET_CH_32(chip, dir, 0x10, lower_32_bits(chunk->ll_region.paddr)); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	SET_CH_32(chip, dir, 0x14, upper_32_bits(chunk->ll_region.paddr)); // expect: cpu-phys-as-bus-address (x86_64, arm64, powerpc64, riscv64)
	/* Clean: the bus address through the same path. */
	SET_CH_32(chip, dir, 0x18, lower_32_bits(chunk->bus_region.paddr));
	SET_RW_32(chip, dir, 0x20, 1);
}
