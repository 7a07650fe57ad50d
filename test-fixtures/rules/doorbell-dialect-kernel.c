/* missing-wmb-before-doorbell in a kernel driver whose own functions are named like rdma-core's (TI k3-udma's
 * udma_*(), nouveau's mmio_wr32()): the advice and the quick fix stay the kernel's wmb() (barrier-dialect.test.ts).
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct udma_chan {
	void __iomem *rt;
	u32 *desc;
	dma_addr_t desc_dma;
};

u32 udma_desc_word(struct udma_chan *uc, int i);
void mmio_wr32(struct udma_chan *uc, u32 reg, u32 val);

int udma_alloc_desc(struct device *dev, struct udma_chan *uc)
{
	uc->desc = dma_alloc_coherent(dev, 64, &uc->desc_dma, GFP_KERNEL);
	return uc->desc ? 0 : -ENOMEM;
}

void udma_start(struct udma_chan *uc)
{
	uc->desc[0] = udma_desc_word(uc, 0);
	mmio_wr32(uc, 4, 0);
	writel_relaxed(1, uc->rt + 8); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}
