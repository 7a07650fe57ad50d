/* missing-dma-rmb: a descriptor word the driver stores only DMA addresses into is CPU-written, also when the store
 * goes through a macro of its own that takes a 32-bit half (`x >> 32`, `x & 0xffffffff`); a word the same macro
 * fills from anything else is not known to be the CPU's.
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define BD_DONE		BIT(31)
#define HOST_HI32(a)	((u32)(((u64)a) >> 32))
#define HOST_LO32(a)	((u32)(((u64)a) & 0xffffffffUL))

struct rx_bd {
	__le32 addr;
	__le32 addr_h;
	__le32 tag_h;
	__le32 info;
};

struct rx_q { struct rx_bd *bd; dma_addr_t dma; unsigned int idx; };

static int rx_q_alloc(struct device *dev, struct rx_q *q)
{
	q->bd = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->bd ? 0 : -ENOMEM;
}

static int rx_q_refill(struct device *dev, struct rx_q *q, void *buf, u64 cookie)
{
	struct rx_bd *bd = &q->bd[q->idx];
	dma_addr_t paddr = dma_map_single(dev, buf, 2048, DMA_FROM_DEVICE);

	bd->addr = cpu_to_le32(HOST_LO32(paddr));
	bd->addr_h = cpu_to_le32(HOST_HI32(paddr));
	bd->tag_h = cpu_to_le32(HOST_HI32(cookie));
	bd->info = 0;
	return 0;
}

/* Clean: addr_h holds the high half of the buffer's DMA address, which the CPU stored. */
static u64 rx_q_buffer(struct rx_q *q)
{
	struct rx_bd *bd = &q->bd[q->idx];

	if (!(le32_to_cpu(bd->info) & BD_DONE))
		return 0;
	return ((u64)le32_to_cpu(bd->addr_h) << 32) | le32_to_cpu(bd->addr);
}

/* Bug: tag_h is filled through the same macro from a plain u64, so nothing says the device leaves it alone. */
static u32 rx_q_tag(struct rx_q *q)
{
	struct rx_bd *bd = &q->bd[q->idx];

	if (!(le32_to_cpu(bd->info) & BD_DONE))
		return 0;
	return le32_to_cpu(bd->tag_h); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}
