/* missing-dma-wmb-before-ownership: the hand-over word recognised by the CamelCase bits of Becker-style drivers
 * (`DescOwn`, `DescOwned`) and by position, as the last store before a constant kick (a transmit poll demand: the
 * running chip goes and reads descriptors, not up to an index), beside look-alikes that hand nothing over.
 * fixture-rules: missing-dma-wmb-before-ownership */
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define DescOwned	0x80000000
#define CSR1		0x08
#define TX_CTRL		0x10
#define INT_STATUS	0x14
#define TX_DB		0x18
#define CMD_STOP	0x20000000
#define CMD_TX_PKT	0x10000000
#define CMD_IRQ		0x01000000
#define CHIP_CMD	0x1c
#define CHIP_CMD1	0x09
#define Cmd1TxDemand	0x20

enum chip_cmd_bits { TxOn = 0x01, RxOn = 0x04 };

struct tdesc { __le32 status; __le32 length; __le32 buffer1; __le32 buffer2; };
struct ydesc { __le32 dbdma_cmd; __le32 addr; __le32 branch; __le32 result_status; };

struct tchip {
	void __iomem *base;
	struct tdesc *tx_ring;
	struct ydesc *y_ring;
	dma_addr_t tx_dma, y_dma;
	unsigned int cur_tx;
};

static int tchip_alloc(struct device *dev, struct tchip *tp)
{
	tp->tx_ring = dma_alloc_coherent(dev, 16 * sizeof(struct tdesc), &tp->tx_dma, GFP_KERNEL);
	tp->y_ring = dma_alloc_coherent(dev, 16 * sizeof(struct ydesc), &tp->y_dma, GFP_KERNEL);
	return tp->tx_ring && tp->y_ring ? 0 : -ENOMEM;
}

/* Bad: tulip_start_xmit: `DescOwned` in the status word, with the wmb() only after it. */
static void tchip_xmit(struct tchip *tp, dma_addr_t buf, u32 len)
{
	unsigned int entry = tp->cur_tx % 16;

	tp->tx_ring[entry].buffer1 = cpu_to_le32(buf);
	tp->tx_ring[entry].length = cpu_to_le32(len);
	tp->tx_ring[entry].status = cpu_to_le32(DescOwned); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	wmb();
	tp->cur_tx++;
	iowrite32(0, tp->base + CSR1);
}

/* Bad: tulip_refill_rx: `DescOwned` names the hand-over with no kick after it (the bit alone, not the position). */
static void tchip_refill_rx(struct tchip *tp, dma_addr_t buf, unsigned int entry)
{
	tp->tx_ring[entry].buffer1 = cpu_to_le32(buf);
	tp->tx_ring[entry].status = cpu_to_le32(DescOwned); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
}

/* Clean: dma_wmb() before the hand-over. */
static void tchip_xmit_ok(struct tchip *tp, dma_addr_t buf, u32 len)
{
	unsigned int entry = tp->cur_tx % 16;

	tp->tx_ring[entry].buffer1 = cpu_to_le32(buf);
	tp->tx_ring[entry].length = cpu_to_le32(len);
	dma_wmb();
	tp->tx_ring[entry].status = cpu_to_le32(DescOwned);
	tp->cur_tx++;
	iowrite32(0, tp->base + CSR1);
}

/* Clean: `&= ~DescOwned` takes the descriptor back; it hands nothing over. */
static void tchip_reclaim(struct tchip *tp, unsigned int entry)
{
	tp->tx_ring[entry].length = 0;
	tp->tx_ring[entry].status &= cpu_to_le32(~DescOwned);
}

/* Bad: yellowfin_start_xmit: the DBDMA command replacing CMD_STOP is the last store before the constant kick. */
static void ychip_xmit(struct tchip *yp, dma_addr_t buf, u32 len)
{
	unsigned int entry = yp->cur_tx % 16;

	yp->y_ring[entry].addr = cpu_to_le32(buf);
	yp->y_ring[entry].result_status = 0;
	yp->y_ring[entry].dbdma_cmd = cpu_to_le32(CMD_TX_PKT | len); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	yp->cur_tx++;
	iowrite32(0x10001000, yp->base + TX_CTRL);
}

/* Clean: the same with dma_wmb() before the command word. */
static void ychip_xmit_ok(struct tchip *yp, dma_addr_t buf, u32 len)
{
	unsigned int entry = yp->cur_tx % 16;

	yp->y_ring[entry].addr = cpu_to_le32(buf);
	dma_wmb();
	yp->y_ring[entry].dbdma_cmd = cpu_to_le32(CMD_TX_PKT | len);
	iowrite32(0x10001000, yp->base + TX_CTRL);
}

/* Clean: the last store before the kick is a buffer address, not a control or status word (hamachi_close). */
static void ychip_poison(struct tchip *yp, unsigned int i)
{
	yp->y_ring[i].result_status = 0;
	yp->y_ring[i].addr = cpu_to_le32(0xBADF00D0);
	iowrite32(0, yp->base + TX_CTRL);
}

/* Clean: the doorbell writes an index (the device fetches up to it), not a constant kick. */
static void ychip_post_indexed(struct tchip *yp, dma_addr_t buf, u32 len)
{
	unsigned int entry = yp->cur_tx % 16;

	yp->y_ring[entry].addr = cpu_to_le32(buf);
	yp->y_ring[entry].dbdma_cmd = cpu_to_le32(CMD_TX_PKT | len);
	yp->cur_tx++;
	writel(yp->cur_tx, yp->base + TX_DB);
}

/* Clean: a constant write to a status register acknowledges an interrupt; it kicks nothing. */
static void ychip_ack(struct tchip *yp, dma_addr_t buf, u32 len)
{
	yp->y_ring[2].addr = cpu_to_le32(buf);
	yp->y_ring[2].dbdma_cmd = cpu_to_le32(CMD_TX_PKT | len);
	iowrite32(0xffff, yp->base + INT_STATUS);
}

/* Clean: OR-ing an interrupt flag into the command word changes it; the hand-over came before (cdns3's TRB_IOC). */
static void ychip_flag(struct tchip *yp, dma_addr_t buf)
{
	yp->y_ring[3].addr = cpu_to_le32(buf);
	yp->y_ring[3].dbdma_cmd |= cpu_to_le32(CMD_IRQ);
	iowrite32(0x10001000, yp->base + TX_CTRL);
}

/* Clean: another descriptor field is stored after the command word, so the command word is not the last store. */
static void ychip_not_last(struct tchip *yp, dma_addr_t buf, u32 len)
{
	yp->y_ring[4].dbdma_cmd = cpu_to_le32(CMD_STOP);
	yp->y_ring[4].addr = cpu_to_le32(buf);
	iowrite32(0x10001000, yp->base + TX_CTRL);
}

/* Bad: natsemi's start_tx: the kick's value is a CamelCase constant of Becker's drivers (`TxOn`). */
static void nchip_xmit(struct tchip *np, dma_addr_t buf, u32 len)
{
	unsigned int entry = np->cur_tx % 16;

	np->y_ring[entry].addr = cpu_to_le32(buf);
	np->y_ring[entry].dbdma_cmd = cpu_to_le32(CMD_TX_PKT | len); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	writel(TxOn, np->base + CHIP_CMD);
}

/* Clean: a register value read from a member is no kick (it may be an index or a mode the driver keeps). */
static void nchip_xmit_mode(struct tchip *np, dma_addr_t buf, u32 len)
{
	np->y_ring[5].addr = cpu_to_le32(buf);
	np->y_ring[5].dbdma_cmd = cpu_to_le32(CMD_TX_PKT | len);
	writel(np->cur_tx, np->base + CHIP_CMD);
}

/* Bad: via-rhine's kick sets a demand bit into the command register's own value: still no index. */
static void vchip_xmit(struct tchip *rp, dma_addr_t buf, u32 len)
{
	rp->y_ring[6].addr = cpu_to_le32(buf);
	rp->y_ring[6].dbdma_cmd = cpu_to_le32(CMD_TX_PKT | len); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	iowrite8(ioread8(rp->base + CHIP_CMD1) | Cmd1TxDemand, rp->base + CHIP_CMD1);
}
