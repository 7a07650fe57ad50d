/* Ring set-up before the device is told the ring's DMA address: stores to coherent memory whose address every path
 * writes to the device only afterwards are not yet the device's to read (the address write is what must be ordered),
 * beside look-alikes where the device already has the address (written before the stores) or may not be told.
 * fixture-rules: missing-wmb-before-doorbell, missing-dma-wmb-before-ownership */
#include <linux/io.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>

#define RING_CFG	0x00
#define RING_BASE_LO	0x04
#define RING_BASE_HI	0x08
#define RING_START	0x0c

struct rdesc { __le32 addr; __le32 len; __le32 own; };

struct rnic {
	void __iomem *regs;
	struct rdesc *ring;
	dma_addr_t ring_dma;
	struct rdesc *aux;
	dma_addr_t aux_dma;
	u32 *table;
};

static int rnic_probe(struct device *dev, struct rnic *n, struct resource *res)
{
	struct rdesc *aux;
	dma_addr_t h;

	n->regs = devm_ioremap_resource(dev, res);
	n->ring = dma_alloc_coherent(dev, 64 * sizeof(*n->ring), &n->ring_dma, GFP_KERNEL);
	if (!n->ring)
		return -ENOMEM;
	aux = dma_alloc_coherent(dev, 64 * sizeof(*aux), &h, GFP_KERNEL);
	if (!aux)
		return -ENOMEM;
	n->aux = aux;
	n->aux_dma = h;
	n->table = dma_alloc_coherent(dev, 4096, NULL, GFP_KERNEL);
	return 0;
}

/* Clean: the chip is configured and left to settle before it is given the ring's address with writel(). */
static void rnic_init_settle(struct rnic *n, u32 mode)
{
	n->ring[0].len = cpu_to_le32(2048);
	writel_relaxed(mode, n->regs + RING_CFG);
	msleep(10);
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

/* Clean: the address goes through a local and the handle came back through a local in probe (`&h`). */
static void rnic_init_aux(struct rnic *n, u32 mode)
{
	dma_addr_t base = n->aux_dma + 16;

	n->aux[1].len = cpu_to_le32(mode);
	writel_relaxed(mode, n->regs + RING_CFG);
	msleep(10);
	writel(base, n->regs + RING_BASE_LO);
}

/* Bad: the ring's address was written before the stores: the device may be running on it (re-initialisation). */
static void rnic_reinit(struct rnic *n, u32 mode)
{
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
	n->ring[0].len = cpu_to_le32(2048);
	writel_relaxed(mode, n->regs + RING_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	msleep(10);
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

/* Bad: the address follows on one path only. */
static void rnic_init_sometimes(struct rnic *n, u32 mode)
{
	n->ring[0].len = cpu_to_le32(2048);
	writel_relaxed(mode, n->regs + RING_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	msleep(10);
	if (mode)
		writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

/* Bad: another allocation's address follows; this memory's device may already have its own. */
static void rnic_init_other(struct rnic *n, u32 mode)
{
	n->table[0] = mode;
	writel_relaxed(mode, n->regs + RING_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	msleep(10);
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

/* Bad, and reported at the address write: it hands the ring over with writel_relaxed(), nothing orders the stores. */
static void rnic_init_relaxed(struct rnic *n, u32 mode)
{
	n->ring[0].len = cpu_to_le32(2048);
	writel_relaxed(mode, n->regs + RING_CFG);
	writel_relaxed(upper_32_bits(n->ring_dma), n->regs + RING_BASE_HI); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Clean: a static helper fills the ring and configures; its only caller, after it returns, gives the address. */
static int rnic_fill(struct rnic *n, u32 mode)
{
	if (!n->ring)
		return -ENODEV;
	n->ring[1].len = cpu_to_le32(mode);
	writel_relaxed(mode, n->regs + RING_CFG);
	return 0;
}

static int rnic_open(struct rnic *n, u32 mode)
{
	int err;

	err = rnic_fill(n, mode);
	if (err)
		return err;
	msleep(10);
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
	writel(1, n->regs + RING_START);
	return 0;
}

/* Bad: of the helper's two callers, one (a reset while the ring runs) does not write the address after it. */
static void rnic_refill(struct rnic *n, u32 mode)
{
	n->ring[2].len = cpu_to_le32(mode);
	writel_relaxed(mode, n->regs + RING_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

static void rnic_start(struct rnic *n, u32 mode)
{
	rnic_refill(n, mode);
	msleep(10);
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

static void rnic_reset(struct rnic *n, u32 mode)
{
	rnic_refill(n, mode);
	msleep(10);
}

/* Clean: the ring is built, own bits last, before its address is written with iowrite32(). */
static void rnic_build(struct rnic *n, dma_addr_t buf)
{
	n->ring[0].addr = cpu_to_le32(lower_32_bits(buf));
	n->ring[0].own = cpu_to_le32(1);
	iowrite32(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

/* Clean: a static helper builds the ring; its only caller writes the ring's address after it. */
static void rnic_build_rx(struct rnic *n, dma_addr_t buf)
{
	n->ring[3].addr = cpu_to_le32(lower_32_bits(buf));
	n->ring[3].own = cpu_to_le32(1);
}

static void rnic_up(struct rnic *n, dma_addr_t buf)
{
	rnic_build_rx(n, buf);
	iowrite32(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

/* Bad: a refill of the running ring: the device had the address before; writing it again does not hide the slot. */
static void rnic_refill_running(struct rnic *n, dma_addr_t buf)
{
	iowrite32(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
	n->ring[4].addr = cpu_to_le32(lower_32_bits(buf));
	n->ring[4].own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
	iowrite32(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
}

/* Bad: no address write follows (the device got it at open): the ownership word hands the slot over. */
static void rnic_refill_slot(struct rnic *n, dma_addr_t buf)
{
	n->ring[5].addr = cpu_to_le32(lower_32_bits(buf));
	n->ring[5].own = cpu_to_le32(1); // expect: missing-dma-wmb-before-ownership (x86_64, arm64, powerpc64, riscv64)
}

/* Clean: the caller's error path frees the ring: it is never handed over. */
static void rnic_prime(struct rnic *n, u32 mode)
{
	n->ring[6].len = cpu_to_le32(mode);
	writel_relaxed(mode, n->regs + RING_CFG);
}

static int rnic_bring_up(struct device *dev, struct rnic *n, u32 mode)
{
	int err;

	rnic_prime(n, mode);
	err = rnic_check(n);
	if (err)
		goto free_ring;
	msleep(10);
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
	return 0;
free_ring:
	dma_free_coherent(dev, 64 * sizeof(*n->ring), n->ring, n->ring_dma);
	return err;
}

/* Clean: a command block mapped with dma_map_single(); its bus address is the handle written after the stores. */
static void rnic_send_cmd(struct device *dev, struct rnic *n, u32 mode)
{
	u32 *cmd = kmalloc(64, GFP_KERNEL);
	dma_addr_t cmd_dma;

	cmd_dma = dma_map_single(dev, cmd, 64, DMA_TO_DEVICE);
	cmd[0] = mode;
	writel_relaxed(mode, n->regs + RING_CFG);
	msleep(1);
	writel(lower_32_bits(cmd_dma), n->regs + RING_START);
}

/* One local receives both rings' DMA addresses in turn: each member gets the allocation just before it. */
struct rnic2 { void __iomem *regs; struct rdesc *rx; dma_addr_t rx_dma; struct rdesc *tx; dma_addr_t tx_dma; };

static int rnic2_probe(struct device *dev, struct rnic2 *m, struct resource *res)
{
	void *space;
	dma_addr_t h;

	m->regs = devm_ioremap_resource(dev, res);
	space = dma_alloc_coherent(dev, 4096, &h, GFP_KERNEL);
	if (!space)
		return -ENOMEM;
	m->rx = space;
	m->rx_dma = h;
	space = dma_alloc_coherent(dev, 4096, &h, GFP_KERNEL);
	if (!space)
		return -ENOMEM;
	m->tx = space;
	m->tx_dma = h;
	return 0;
}

/* Clean: the receive ring's address follows. */
static void rnic2_init_rx(struct rnic2 *m, u32 mode)
{
	m->rx[0].len = cpu_to_le32(mode);
	writel_relaxed(mode, m->regs + RING_CFG);
	msleep(10);
	writel(lower_32_bits(m->rx_dma), m->regs + RING_BASE_LO);
}

/* Bad: the transmit ring is filled, but only the receive ring's address follows. */
static void rnic2_init_tx(struct rnic2 *m, u32 mode)
{
	m->tx[0].len = cpu_to_le32(mode);
	writel_relaxed(mode, m->regs + RING_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	msleep(10);
	writel(lower_32_bits(m->rx_dma), m->regs + RING_BASE_LO);
}

/* Bad, at the address write: it hands the buffer over relaxed; that the buffer is freed on every path after it (the
 * device has read it by then) does not make the device not know it. */
static int rnic_load_fw(struct device *dev, struct rnic *n, const void *fw)
{
	dma_addr_t fw_dma;
	void *buf = dma_alloc_coherent(dev, 4096, &fw_dma, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	memcpy(buf, fw, 4096);
	writel_relaxed(lower_32_bits(fw_dma), n->regs + RING_BASE_LO); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
	writel_relaxed(1, n->regs + RING_START);
	msleep(10);
	dma_free_coherent(dev, 4096, buf, fw_dma);
	return 0;
}

/* A register-block struct written through a macro that casts with parenthesised typedef names, `(u32)(__le32)(val)`
 * (a "call" of `(u32)` to tree-sitter), and names the register as a member of the block: `&priv->map->r`. The block
 * pointer is set where the analysis does not see it (by a bus core), so the device is the text `priv->map`. */
struct bregs { __le32 ctrl; __le32 ring_base; __le32 kick; };
struct bdesc { __le32 addr; __le32 len; };
struct bpriv { struct bregs __iomem *map; struct bdesc *ring; dma_addr_t ring_dma; };

#define BW(r, val) __raw_writel((__force u32)(__le32)(val), &priv->map->r)

static int bpriv_probe(struct device *dev, struct bpriv *priv)
{
	priv->ring = dma_alloc_coherent(dev, 16 * sizeof(*priv->ring), &priv->ring_dma, GFP_KERNEL);
	return priv->ring ? 0 : -ENOMEM;
}

/* Clean: the ring is cleared, the chip configured, and the ring's address is given only after wmb(). */
static int bpriv_open(struct bpriv *priv)
{
	memset(priv->ring, 0, 16 * sizeof(*priv->ring));
	BW(ctrl, cpu_to_le32(0));
	udelay(10);
	wmb();
	BW(ring_base, cpu_to_le32(priv->ring_dma));
	wmb();
	BW(kick, cpu_to_le32(1));
	return 0;
}

/* Bad: the address was given before the stores (a re-open of a running ring): the relaxed write may be the doorbell. */
static int bpriv_reopen(struct bpriv *priv)
{
	BW(ring_base, cpu_to_le32(priv->ring_dma));
	memset(priv->ring, 0, 16 * sizeof(*priv->ring));
	BW(ctrl, cpu_to_le32(0)); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
	udelay(10);
	wmb();
	BW(ring_base, cpu_to_le32(priv->ring_dma));
	return 0;
}

/* Bad: the address goes to another block (another device), which may not be the one fetching the ring. */
static int bpriv_open_other(struct bpriv *priv, struct bpriv *peer)
{
	memset(priv->ring, 0, 16 * sizeof(*priv->ring));
	BW(ctrl, cpu_to_le32(0)); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
	udelay(10);
	wmb();
	__raw_writel((__force u32)(__le32)(priv->ring_dma), &peer->map->ring_base);
	return 0;
}

/*
 * Clean: the caller's error label is reached only by a goto taken when `err` is nonzero, and its clean-up does not
 * assign `err`: `return err` there fails, so no path hands the ring over unannounced (tulip_open's `free_ring:`).
 */
static void rnic_fill_labelled(struct rnic *n, u32 mode)
{
	n->ring[7].len = cpu_to_le32(mode);
	writel_relaxed(mode, n->regs + RING_CFG);
}

static int rnic_up_labelled(struct rnic *n, u32 mode)
{
	int err;

	rnic_fill_labelled(n, mode);
	err = rnic_check(n);
	if (err)
		goto out_release;
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
	return 0;

out_release:
	rnic_release(n);
	return err;
}

/* Bad: a second goto reaches the label with `err` zero (`mode` tested, not `err`): that return may be a success. */
static void rnic_fill_labelled_twice(struct rnic *n, u32 mode)
{
	n->ring[8].len = cpu_to_le32(mode);
	writel_relaxed(mode, n->regs + RING_CFG); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

static int rnic_up_labelled_twice(struct rnic *n, u32 mode)
{
	int err;

	rnic_fill_labelled_twice(n, mode);
	err = rnic_check(n);
	if (err)
		goto out_release;
	if (mode > 4)
		goto out_release;
	writel(lower_32_bits(n->ring_dma), n->regs + RING_BASE_LO);
	return 0;

out_release:
	rnic_release(n);
	return err;
}

/*
 * Clean: 8139cp's shape. The refill three callers down from open (refill <- init_rings <- alloc_rings <- open), and the
 * address written in halves through a local: its low word masked (`& 0xffffffff`), its high word shifted down.
 */
static void rnic_refill3(struct rnic *n, u32 mode)
{
	n->ring[9].len = cpu_to_le32(mode);
	writel_relaxed(mode, n->regs + RING_CFG);
}

static int rnic_init_rings3(struct rnic *n, u32 mode)
{
	rnic_refill3(n, mode);
	return 0;
}

static int rnic_alloc_rings3(struct device *dev, struct rnic *n, u32 mode)
{
	int rc = rnic_init_rings3(n, mode);

	if (rc < 0)
		dma_free_coherent(dev, 64 * sizeof(*n->ring), n->ring, n->ring_dma);
	return rc;
}

static int rnic_open3(struct device *dev, struct rnic *n, u32 mode)
{
	dma_addr_t ring_dma;
	int rc;

	rc = rnic_alloc_rings3(dev, n, mode);
	if (rc)
		return rc;
	ring_dma = n->ring_dma;
	writel(ring_dma & 0xffffffff, n->regs + RING_BASE_LO);
	writel((ring_dma >> 16) >> 16, n->regs + RING_BASE_HI);
	return 0;
}
