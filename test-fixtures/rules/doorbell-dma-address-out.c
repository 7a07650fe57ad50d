/* missing-wmb-before-doorbell: a driver helper the flow does not follow that passes a DMA address on to code outside
 * the analysed files (a firmware-command API of another header) may hand that memory to the device itself, after the
 * mlx4 master's mlx4_ACCESS_MEM(), which posts the copy through mlx4_cmd_imm() of include/linux/mlx4/cmd.h: the
 * stores before it are that call's, not the later reply write's. A helper that only records or logs the address, or
 * passes on a value that is no DMA address, tells the device nothing.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct vcmd { __be64 in_param; __be64 out_param; __be32 modifier; u8 status; };

struct mgr {
	struct vcmd *vcmd;
	dma_addr_t vcmd_dma;
	u64 peer_addr;
	u64 last;
	void __iomem *reply;
};

static int mgr_init(struct device *dev, struct mgr *m, void __iomem *bar)
{
	m->vcmd = dma_alloc_coherent(dev, 4096, &m->vcmd_dma, GFP_KERNEL);
	m->reply = bar + 0x40;
	return m->vcmd ? 0 : -ENOMEM;
}

/* fw_cmd_imm() is not defined in the analysed files. */
static int mgr_copy_mem(struct mgr *m, u64 local_addr, u64 peer_addr, int size)
{
	u64 in_param;
	u64 out_param;

	if ((local_addr | peer_addr) & 0xfff)
		return -EINVAL;
	in_param = local_addr;
	out_param = peer_addr;
	return fw_cmd_imm(m, in_param, &out_param, size, FW_CMD_COPY_MEM);
}

static void mgr_note(struct mgr *m, u64 addr)
{
	if (!IS_ALIGNED(addr, 4096))
		pr_debug("vcmd at %llx\n", addr);
	memcpy(&m->last, &addr, sizeof(addr));
}

/* Clean: the firmware command the helper posts copies the result out; the reply write only tells the peer. */
static void mgr_finish(struct mgr *m, u8 status, u32 reply)
{
	m->vcmd->status = status;
	mgr_copy_mem(m, m->vcmd_dma, m->peer_addr, 256);
	__raw_writel(reply, m->reply);
}

/* Two helpers calling each other: the one asked first is answered through the other. */
static int mgr_post(struct mgr *m, u64 addr, int again);

static int mgr_post_again(struct mgr *m, u64 addr)
{
	return mgr_post(m, addr, 0);
}

static int mgr_post(struct mgr *m, u64 addr, int again)
{
	int err;

	if (again)
		return mgr_post_again(m, addr);
	err = fw_cmd_imm(m, addr, NULL, 64, FW_CMD_COPY_MEM);
	return err;
}

/* Clean: the copy is posted through the pair of helpers. */
static void mgr_finish_retry(struct mgr *m, u8 status, u32 reply)
{
	m->vcmd->status = status;
	mgr_post_again(m, m->vcmd_dma);
	__raw_writel(reply, m->reply);
}

/* Bad: the helper only tests, logs and records the address, so the relaxed reply write is the first the device hears. */
static void mgr_finish_noted(struct mgr *m, u8 status, u32 reply)
{
	m->vcmd->status = status;
	mgr_note(m, m->vcmd_dma);
	__raw_writel(reply, m->reply); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}

/* Bad: the helper passes on an address the device is not given as DMA memory here (the peer's, a plain number). */
static void mgr_finish_peer(struct mgr *m, u8 status, u32 reply)
{
	m->vcmd->status = status;
	mgr_copy_mem(m, m->peer_addr, m->peer_addr, 256);
	__raw_writel(reply, m->reply); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}
