/* A function-like macro whose parameters a call's arguments cannot fill is not the definition compiled there: the
 * preprocessor would reject the call (here an old platform header's two-parameter REG_WRITE32() beside code written
 * for a three-parameter one, as DPDK's ENA base code and an older ena_plat_dpdk.h). Such a call is left opaque, not
 * bound (bus as the value, the value as the register); a call the definition fits is summarised as before.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define REG_WRITE32(value, reg) writel_relaxed((value), (reg))
#define REG_WRITE32_V(reg, ...) writel_relaxed((__VA_ARGS__), (reg))

struct aenq {
	void __iomem *regs;
	void *bus;
	u32 *entries;
	dma_addr_t dma;
};

int aenq_alloc(struct device *dev, struct aenq *q)
{
	q->entries = dma_alloc_coherent(dev, 256, &q->dma, GFP_KERNEL);
	return q->entries ? 0 : -ENOMEM;
}

void aenq_start_other_header(struct aenq *q)
{
	q->entries[0] = 0;
	REG_WRITE32(q->bus, lower_32_bits(q->dma), q->regs + 0x10);
}

void aenq_start(struct aenq *q)
{
	q->entries[0] = 0;
	REG_WRITE32(lower_32_bits(q->dma), q->regs + 0x10); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

void aenq_start_variadic(struct aenq *q)
{
	q->entries[0] = 0;
	REG_WRITE32_V(q->regs + 0x10, lower_32_bits(q->dma)); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}
