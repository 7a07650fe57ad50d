/* missing-wmb-before-doorbell: a write that masks, acknowledges or claims an interrupt makes the device fetch nothing,
 * so it is not the doorbell of the stores before it (mtk_eth_soc's IRQ acknowledge, myri10ge's irq_claim, megaraid's
 * irq_enable); the stores stay pending for the real doorbell after it. A register named for a doorbell as well
 * (a CQ doorbell that re-arms the interrupt) still is one.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define NIC_INT_STATUS		0x00
#define NIC_INT_MASK		0x04
#define NIC_TX_TAIL		0x08
#define NIC_CQ_DB_REARM		0x0c

struct nic {
	void __iomem *regs;
	u32 *ring;
	dma_addr_t ring_dma;
	u32 rx_irq_done_mask;
};

static int nic_probe(struct device *dev, struct nic *n, struct resource *res)
{
	n->regs = devm_ioremap_resource(dev, res);
	n->ring = dma_alloc_coherent(dev, 4096, &n->ring_dma, GFP_KERNEL);
	return n->ring ? 0 : -ENOMEM;
}

static void nic_w32(struct nic *n, u32 val, unsigned int reg)
{
	writel_relaxed(val, n->regs + reg);
}

static void nic_irq_enable(struct nic *n, u32 mask)
{
	writel_relaxed(mask, n->regs + NIC_INT_MASK);
}

/* Clean: refill a slot, then acknowledge the RX interrupt; the device is told of the slot by nothing here. */
static void nic_rx_done(struct nic *n, int i)
{
	n->ring[i] = 0;
	nic_w32(n, n->rx_irq_done_mask, NIC_INT_STATUS);
}

/* Clean: the same through a helper named for the interrupt. */
static void nic_rx_poll_end(struct nic *n, int i)
{
	n->ring[i] = 0;
	nic_irq_enable(n, n->rx_irq_done_mask);
}

/* Bad: the acknowledge is passed over, the tail write after it is the doorbell. */
static void nic_rx_refill(struct nic *n, int i)
{
	n->ring[i] = 1;
	nic_w32(n, n->rx_irq_done_mask, NIC_INT_STATUS);
	writel_relaxed(i, n->regs + NIC_TX_TAIL); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Bad: a doorbell that also re-arms the interrupt is a doorbell. */
static void nic_cq_rearm(struct nic *n, int i)
{
	n->ring[i] = 1;
	writel_relaxed(i, n->regs + NIC_CQ_DB_REARM); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Bad: `int` as a C type names no interrupt register. */
static void nic_tx_kick(struct nic *n, long i)
{
	n->ring[i] = 1;
	nic_w32(n, (int)i, 0x10); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}
