/* missing-wmb-before-doorbell: stores to coherent DMA memory, then a doorbell that does not order them.
 * fixture-rules: all */
#include <linux/io.h>
#include <linux/dma-mapping.h>
#include <linux/spinlock.h>

struct tx_desc { __le64 addr; __le32 len; __le32 cmd; };

struct txq {
	struct tx_desc *ring;
	dma_addr_t ring_dma;
	u32 *db_rec;
	dma_addr_t db_rec_dma;
	void __iomem *db;
	unsigned int prod;
	unsigned long stats;
};

static int txq_alloc(struct device *dev, struct txq *q, void __iomem *bar)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->ring_dma, GFP_KERNEL);
	q->db_rec = dma_pool_zalloc(NULL, GFP_KERNEL, &q->db_rec_dma);
	q->db = bar + 0x800;
	return q->ring ? 0 : -ENOMEM;
}

static void post_relaxed(struct txq *q, u64 dma, u32 len)
{
	struct tx_desc *d = &q->ring[q->prod];

	d->addr = cpu_to_le64(dma);
	d->len = cpu_to_le32(len);
	writel_relaxed(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

static void post_raw(struct txq *q, u64 dma)
{
	struct tx_desc *d = q->ring + q->prod;

	d->addr = cpu_to_le64(dma);
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: wmb() between the descriptor and the relaxed doorbell. */
static void post_wmb(struct txq *q, u64 dma)
{
	struct tx_desc *d = &q->ring[q->prod];

	d->addr = cpu_to_le64(dma);
	wmb();
	writel_relaxed(q->prod, q->db);
}

/* Clean: writel() orders earlier stores itself. */
static void post_writel(struct txq *q, u64 dma)
{
	struct tx_desc *d = &q->ring[q->prod];

	d->addr = cpu_to_le64(dma);
	writel(q->prod, q->db);
}

/* dma_wmb() before writel_relaxed: dmb oshst / fence ow,ow / compiler barrier under TSO, and powerpc's
 * writel_relaxed is a full writel (sync): no architecture reports. */
static void post_dma_wmb_relaxed(struct txq *q, u64 dma)
{
	struct tx_desc *d = &q->ring[q->prod];

	d->addr = cpu_to_le64(dma);
	dma_wmb();
	writel_relaxed(q->prod, q->db);
}

/* dma_wmb() before a __raw_ doorbell: lwsync does not order cacheable stores before a cache-inhibited store. */
static void post_dma_wmb_raw(struct txq *q, u64 dma)
{
	struct tx_desc *d = &q->ring[q->prod];

	d->addr = cpu_to_le64(dma);
	dma_wmb();
	__raw_writel(q->prod, q->db); // expect: dma-wmb-insufficient (powerpc64)
}

/* Clean: only CPU-side bookkeeping is stored before the doorbell. */
static void kick_bookkeeping(struct txq *q)
{
	q->prod++;
	q->stats += 1;
	writel_relaxed(q->prod, q->db);
}

/* The doorbell record lives in coherent memory too. */
static void ring_db_record(struct txq *q)
{
	*q->db_rec = cpu_to_be32(q->prod);
	writel_relaxed(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* A store on one branch only still reaches the doorbell on that path. */
static void post_maybe(struct txq *q, u64 dma, bool fill)
{
	if (fill)
		q->ring[q->prod].addr = cpu_to_le64(dma);
	else
		wmb();
	writel_relaxed(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Loop: the store at the end of one iteration meets the doorbell at the top of the next. */
static void post_loop(struct txq *q, u64 *dma, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		writel_relaxed(i, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
		q->ring[i].addr = cpu_to_le64(dma[i]);
	}
}

/* Clean: a buffer handed to the device with dma_map_single, flushed with wmb() before the doorbell. */
static void post_mapped(struct device *dev, struct txq *q, u8 *buf)
{
	dma_addr_t a = dma_map_single(dev, buf, 64, DMA_TO_DEVICE);

	buf[0] = 1;
	wmb();
	writel_relaxed(lower_32_bits(a), q->db);
}

/* A frame copied into the BAR one word at a time with writel() (after mpt3sas _base_clone_mpi_to_sys_mem). */
static void copy_frame(void __iomem *dst, u32 *src, u32 size)
{
	int i;

	for (i = 0; i < size / 4; i++)
		writel(src[i], dst + i * 4);
}

/* Clean (after mpt3sas _base_put_smid_default): the counting copy loop runs at least once, and its first writel()
 * orders the descriptor store before the raw doorbell. */
static void post_copied(struct txq *q, u64 dma, void __iomem *frame, u32 *msg, u32 size)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	copy_frame(frame, msg, size);
	__raw_writel(q->prod, q->db);
}

/* The copy loop skips zero words: an iteration may write nothing, so nothing orders the descriptor store. */
static void post_copied_sparse(struct txq *q, u64 dma, void __iomem *frame, u32 *msg, u32 size)
{
	int i;

	q->ring[q->prod].addr = cpu_to_le64(dma);
	for (i = 0; i < size / 4; i++) {
		if (!msg[i])
			continue;
		writel(msg[i], frame + i * 4);
	}
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* A list walk is not a counting loop: an empty list writes nothing. */
static void post_listed(struct txq *q, u64 dma, void __iomem *frame, u32 *msg)
{
	u32 *w;

	q->ring[q->prod].addr = cpu_to_le64(dma);
	for (w = msg; *w; w++)
		writel(*w, frame);
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* Clean (after pci-epf-test pci_epf_test_write): buf is handed to dma_map_single() only on the DMA branch, after the
 * store; on the other branch the CPU copies it into the window, and nothing makes it DMA-visible there. */
static void send_buf(struct device *dev, struct txq *q, void __iomem *win, bool use_dma)
{
	u8 *buf = kzalloc(64, GFP_KERNEL);
	dma_addr_t a;

	memset(buf, 0xa5, 64);
	if (use_dma) {
		a = dma_map_single(dev, buf, 64, DMA_TO_DEVICE);
		writel(lower_32_bits(a), q->db);
	} else {
		memcpy_toio(win, buf, 64);
	}
}

/* Mapped after the store but before the relaxed doorbell: the store must still be visible first (x86_64: the
 * out-of-line dma_map_single() call is a compiler barrier). */
static void send_buf_relaxed(struct device *dev, struct txq *q)
{
	u8 *buf = kzalloc(64, GFP_KERNEL);
	dma_addr_t a;

	memset(buf, 0xa5, 64);
	a = dma_map_single(dev, buf, 64, DMA_TO_DEVICE);
	writel_relaxed(lower_32_bits(a), q->db); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}

/* Clean (after ngene_command_mutex, bcm_to_v_msg_enqueue): the command image is copied into the chip's memory, then
 * an ordered writel() tells the chip to act on it; that writel orders the descriptor store, the copy is data. */
static void post_command(struct txq *q, void __iomem *cmdbuf, const void *cmd, u64 dma)
{
	q->ring[0].addr = cpu_to_le64(dma);
	memcpy_toio(cmdbuf, cmd, 32);
	writel(1, q->db);
}

/* Clean: the same with wmb() and a relaxed doorbell after the copy (lpfc_sli4_wq_put: DPP copy, wmb(), doorbell). */
static void post_command_wmb(struct txq *q, void __iomem *cmdbuf, const void *cmd, u64 dma)
{
	q->ring[0].addr = cpu_to_le64(dma);
	__iowrite64_copy(cmdbuf, cmd, 4);
	wmb();
	writel_relaxed(1, q->db);
}

/* The copy is the doorbell (a push/BlueFlame write) on the path that returns without a later ordered write. */
static void post_push(struct txq *q, void __iomem *push, const void *cmd, u64 dma, bool kick)
{
	q->ring[0].addr = cpu_to_le64(dma);
	__iowrite64_copy(push, cmd, 4); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
	if (kick)
		writel(1, q->db);
}

/* A relaxed write after the copy orders nothing: the copy may still be what the device acts on. */
static void post_push_relaxed(struct txq *q, void __iomem *push, const void *cmd, u64 dma)
{
	q->ring[0].addr = cpu_to_le64(dma);
	memcpy_toio(push, cmd, 32); // expect: missing-wmb-before-doorbell (arm64, riscv64)
	writel_relaxed(1, q->db);
}

/* Two configurations of one step: `#ifdef` and `#else` bodies are alternatives, never run one after the other. */
static void post_word(struct txq *q, u32 word)
{
#ifdef CONFIG_TXQ_POLLED
	q->ring[q->prod].cmd = word;	/* the device polls the ring */
#else
	writel_relaxed(word, q->db);	/* FIFO mode: the word goes to the register itself */
#endif
}

/* Bad: the store and the relaxed doorbell are in one configuration. */
static void post_word_both(struct txq *q, u32 word)
{
#ifdef CONFIG_TXQ_POLLED
	q->ring[q->prod].cmd = word;
	writel_relaxed(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
#else
	writel(word, q->db);
#endif
}

static DEFINE_SPINLOCK(cmos_lock);

/* Clean on x86_64 (dcdbas host_control_smi): taking a spinlock is an out-of-line call, so the command store cannot
 * sink below it, and x86 keeps stores and port I/O in order. */
static void smi_kick(struct txq *q, u32 cmd)
{
	unsigned long flags;

	q->ring[0].cmd = cmd;
	spin_lock_irqsave(&cmos_lock, flags);
	outb(0xb2, 0xb2);
	spin_unlock_irqrestore(&cmos_lock, flags);
}

/* Bad on x86_64: nothing between the store and the port write. */
static void smi_kick_unlocked(struct txq *q, u32 cmd)
{
	q->ring[0].cmd = cmd;
	outb(0xb2, 0xb2); // expect: missing-wmb-before-doorbell (x86_64)
}

/* Clean on x86_64 (megaraid issue_scb): the store goes through a volatile pointer, and the port write is an asm
 * volatile, which the compiler keeps in order with volatile accesses; x86 keeps them in order too. */
static void smi_kick_volatile(struct txq *q, u32 cmd)
{
	volatile struct tx_desc *d = &q->ring[0];

	d->cmd = cmd;
	outb(0xb2, 0xb2);
}

#define SMI_INTR_MASK 0xb3

/* Clean on x86_64 (megaraid issue_scb_block): outb_p() ends with slow_down_io(), a pv_ops call with a "memory" clobber
 * or a call of native_io_delay(), so the mailbox copy cannot sink past the interrupt-disable write into the doorbell. */
static void smi_kick_after_delay(struct txq *q, const struct tx_desc *cmd)
{
	memcpy(&q->ring[0], cmd, sizeof(*cmd));
	outb_p(0x00, SMI_INTR_MASK);
	outb_p(0xb2, 0xb2);
}

/* The same with plain outb() before the doorbell: nothing keeps the copy ahead of it. */
static void smi_kick_no_delay(struct txq *q, const struct tx_desc *cmd)
{
	memcpy(&q->ring[0], cmd, sizeof(*cmd));
	outb(0x00, SMI_INTR_MASK);
	outb_p(0xb2, 0xb2); // expect: missing-wmb-before-doorbell (x86_64)
}

/* A command whose doorbell write lies three calls down, beyond the inlining depth (after cadence_nand_read_page: the
 * page read's CDMA transfer is issued and waited for inside cadence_nand_cdma_send_and_wait(), then read_bbm writes a
 * configuration register with writel_relaxed()). The stores are the hidden doorbell's to order, not the later write's. */
static void cmd_ring(struct txq *q) { writel_relaxed(1, q->db + 4); }
static void cmd_issue(struct txq *q) { if (readl(q->db + 8) & 1) cmd_ring(q); }
static void cmd_poll(struct txq *q) { while (!(readl(q->db + 8) & 2)) cpu_relax(); }
static void cmd_send_and_wait(struct txq *q) { cmd_issue(q); readl(q->db + 12); }
static void cmd_settle(struct txq *q) { cmd_poll(q); readl(q->db + 12); }
static void cmd_fill(struct txq *q, u64 dma) { q->ring[0].addr = cpu_to_le64(dma); }
static void cmd_transfer(struct txq *q, u64 dma) { cmd_fill(q, dma); cmd_send_and_wait(q); }
static void cmd_transfer_quiet(struct txq *q, u64 dma) { cmd_fill(q, dma); cmd_settle(q); }

/* Clean: the first write the device sees after the descriptor is inside cmd_issue() (not followed here). */
static void read_then_configure(struct txq *q, u64 dma)
{
	cmd_transfer(q, dma);
	writel_relaxed(0x40, q->db + 16);
}

/* Bad: the call not followed only reads the device, so the relaxed write is the first one after the descriptor. */
static void settle_then_kick(struct txq *q, u64 dma)
{
	cmd_transfer_quiet(q, dma);
	writel_relaxed(0x40, q->db + 16); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}

struct xfer { u8 *buf; dma_addr_t buf_dma; struct dma_chan *chan; void __iomem *regs; };

static int xfer_setup(struct device *dev, struct xfer *x)
{
	x->buf = dma_alloc_coherent(dev, 4096, &x->buf_dma, GFP_KERNEL);
	return x->buf ? 0 : -ENOMEM;
}

/* Clean (after tegra_i2c_xfer_msg): the buffer is the DMA engine's, started by dma_async_issue_pending(); the relaxed
 * write after it unmasks this controller's interrupts. */
static void xfer_tx_dma(struct xfer *x, const u8 *msg, size_t len)
{
	memcpy(x->buf, msg, len);
	dmaengine_submit(dmaengine_prep_slave_single(x->chan, x->buf_dma, len, DMA_MEM_TO_DEV, 0));
	dma_async_issue_pending(x->chan);
	writel_relaxed(0x3, x->regs + 0x64);
}

/* Bad: the transfer is only prepared; the relaxed write is the first thing that can start anything. */
static void xfer_tx_prepared(struct xfer *x, const u8 *msg, size_t len)
{
	memcpy(x->buf, msg, len);
	dmaengine_prep_slave_single(x->chan, x->buf_dma, len, DMA_MEM_TO_DEV, 0);
	writel_relaxed(0x3, x->regs + 0x64); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}

/* Clean (after qcom_scm_pas_init_image, then adsp_load's memset_io of the IMEM info region): the secure firmware
 * read the metadata during the SMC, on this CPU, before the copy into the device's memory. */
static void xfer_to_firmware(struct xfer *x, const u8 *meta, size_t len, void __iomem *imem)
{
	struct arm_smccc_res res;

	memcpy(x->buf, meta, len);
	arm_smccc_smc(0x82000001, x->buf_dma, len, 0, 0, 0, 0, 0, &res);
	memset_io(imem, 0, 64);
}

/* Clean (after lpfc_sli4_wq_put): the WQE is copied into the push aperture word by word (a hand-written
 * memcpy_toio), then wmb() and the ordered doorbell; the one path without the doorbell returns an error. */
static int post_dpp(struct txq *q, u64 dma, void __iomem *dpp, u64 *wqe, int fmt)
{
	int i;

	q->ring[q->prod].addr = cpu_to_le64(dma);
	for (i = 0; i < 8; i++)
		__raw_writeq(*(wqe + i), dpp + 8 * i);
	wmb();
	if (fmt > 1)
		return -EINVAL;
	writel(q->prod, q->db);
	return 0;
}

/* Bad: the path without the doorbell reports success, so the copy may be what the device acts on. */
static int post_dpp_quiet(struct txq *q, u64 dma, void __iomem *dpp, u64 *wqe, int fmt)
{
	int i;

	q->ring[q->prod].addr = cpu_to_le64(dma);
	for (i = 0; i < 8; i++)
		__raw_writeq(*(wqe + i), dpp + 8 * i); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
	wmb();
	if (fmt > 1)
		return 0;
	writel(q->prod, q->db);
	return 0;
}

/* Bad (after hns_roce_write512): the word-by-word copy into the direct-WQE register is the doorbell. */
static void post_direct(struct txq *q, u64 dma, u64 __iomem *dwqe, u64 *wqe)
{
	int i;

	q->ring[q->prod].addr = cpu_to_le64(dma);
	for (i = 0; i < 8; i++)
		writeq_relaxed(wqe[i], dwqe + i); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

struct scb { u8 opcode; u8 target; __le32 xferlen; struct request *req; };

struct host { struct scb *scbs; dma_addr_t scbs_dma; void __iomem *base; };

static int host_setup(struct device *dev, struct host *h)
{
	h->scbs = dma_alloc_coherent(dev, 4096, &h->scbs_dma, GFP_KERNEL);
	return h->scbs ? 0 : -ENOMEM;
}

/* Clean (after a100u2w orc_device_reset's `escb->srb = cmd`): the last store before the post is the driver's own
 * back-pointer, a kernel address the controller cannot use; the SCB words before it were ordered by wmb(). */
static void scb_post_owner(struct host *h, struct request *rq, u8 idx)
{
	struct scb *s = &h->scbs[idx];

	s->opcode = 0x81;
	wmb();
	s->req = rq;
	writel_relaxed(idx, h->base + 0xa0);
}

/* Bad: the device-read length is stored after the wmb(). */
static void scb_post_len(struct host *h, struct request *rq, u8 idx)
{
	struct scb *s = &h->scbs[idx];

	s->opcode = 0x81;
	wmb();
	s->xferlen = cpu_to_le32(512);
	writel_relaxed(idx, h->base + 0xa0); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Bad: `(u32)(q->prod)` is a cast, not a call of `u32` (an opaque call would be a compiler barrier on x86_64). */
static void post_cast_value(struct txq *q, u64 dma)
{
	struct tx_desc *d = &q->ring[q->prod];

	d->addr = cpu_to_le64(dma);
	writel_relaxed((u32)(q->prod), q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/*
 * A store into an element of a descriptor's array member writes the descriptor in coherent memory; the same store
 * into an array member of the CPU-side queue struct is bookkeeping.
 */
struct sg_desc { __le32 n; __le64 addr[4]; };
struct sgq { struct sg_desc *ring; dma_addr_t ring_dma; void __iomem *db; unsigned int prod; u64 shadow[4]; };

static int sgq_alloc(struct device *dev, struct sgq *q, void __iomem *bar)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->ring_dma, GFP_KERNEL);
	q->db = bar + 0x900;
	return q->ring ? 0 : -ENOMEM;
}

static void sgq_post(struct sgq *q, u64 dma, int i)
{
	struct sg_desc *d = &q->ring[q->prod];

	d->addr[i] = cpu_to_le64(dma);
	writel_relaxed(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Clean: an element of the queue's own array. */
static void sgq_shadow(struct sgq *q, u64 dma, int i)
{
	q->shadow[i] = dma;
	writel_relaxed(q->prod, q->db);
}

/* Clean: memset_io() clears a device window (mhi's BHIE vector registers); it tells the device nothing to read. */
static void post_then_clear(struct txq *q, u64 dma, void __iomem *win)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	memset_io(win, 0, 64);
}

/* Bad: memcpy_toio() pushes a work request that names the descriptor, and nothing ordered follows it. */
static void post_then_push(struct txq *q, u64 dma, void __iomem *win, const void *wqe)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	memcpy_toio(win, wqe, 64); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}

/*
 * A helper that fills a descriptor through its pointer parameter: its stores count where the caller rings, since the
 * caller passes it coherent memory (the helper alone cannot tell what it writes).
 */
static void fill_desc(struct tx_desc *d, u64 dma, u32 len)
{
	d->addr = cpu_to_le64(dma);
	d->len = cpu_to_le32(len);
}

static void post_filled(struct txq *q, u64 dma, u32 len)
{
	fill_desc(&q->ring[q->prod], dma, len);
	writel_relaxed(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}

/* Clean: the same helper filling a descriptor the driver keeps in ordinary memory (a shadow copy). */
static void post_shadowed(struct txq *q, struct tx_desc *shadow, u64 dma, u32 len)
{
	struct tx_desc *copy = kzalloc(sizeof(*copy), GFP_ATOMIC);

	fill_desc(copy, dma, len);
	writel_relaxed(q->prod, q->db);
	kfree(copy);
}

/* Clean: a barrier between the filled descriptor and the relaxed doorbell. */
static void post_filled_wmb(struct txq *q, u64 dma, u32 len)
{
	fill_desc(&q->ring[q->prod], dma, len);
	wmb();
	writel_relaxed(q->prod, q->db);
}

/* An event queue: the device writes its entries, the CPU consumes them and returns slots with a consumer index. */
struct demo_eqe { u8 type; u8 rsvd[2]; u8 owner; __be32 port; };
struct demo_cmd { u8 opcode; u8 rsvd[2]; u8 owner; __be32 port; };

/* A context the device reads (only its first word names events) and a union of the events a device reports. */
struct demo_event_ctxt { __le64 ring_base; __le32 rp; __le32 wp; };
union demo_event { struct { u8 type; u8 chid; } xfer; __le32 raw; };

struct demo_eq {
	struct demo_eqe *eqes;
	struct demo_cmd *cmds;
	struct demo_event_ctxt *ctxt;
	union demo_event *events;
	dma_addr_t dma;
	void __iomem *ci_db;
	u32 cons;
};

static int demo_eq_alloc(struct device *dev, struct demo_eq *eq, void __iomem *bar)
{
	eq->eqes = dma_alloc_coherent(dev, 4096, &eq->dma, GFP_KERNEL);
	eq->cmds = dma_alloc_coherent(dev, 4096, &eq->dma, GFP_KERNEL);
	eq->ctxt = dma_alloc_coherent(dev, 4096, &eq->dma, GFP_KERNEL);
	eq->events = dma_alloc_coherent(dev, 4096, &eq->dma, GFP_KERNEL);
	eq->ci_db = bar + 0x40;
	return eq->eqes && eq->cmds && eq->ctxt && eq->events ? 0 : -ENOMEM;
}

/* Clean: the CPU rewrites an entry the device wrote and marks it free again; the consumer-index doorbell after it
 * only returns slots, and no device reads an event queue entry. */
static void demo_eq_poll(struct demo_eq *eq)
{
	struct demo_eqe *eqe = &eq->eqes[eq->cons & 63];

	eqe->port = cpu_to_be32(3);
	eqe->owner = 0x80;
	__raw_writel(++eq->cons, eq->ci_db);
}

/* The same stores into a command queue entry, which the device reads when rung. */
static void demo_cmd_post(struct demo_eq *eq)
{
	struct demo_cmd *cmd = &eq->cmds[eq->cons & 63];

	cmd->port = cpu_to_be32(3);
	cmd->owner = 0x80;
	__raw_writel(++eq->cons, eq->ci_db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: a reported event marked stale in place (a union of events), then the channel command. */
static void demo_events_stale(struct demo_eq *eq, u8 chid)
{
	union demo_event *ev = &eq->events[eq->cons & 63];

	if (ev->xfer.chid == chid)
		ev->xfer.type = 0xff;
	writel_relaxed(chid, eq->ci_db);
}

/* An event ring's context, which the device reads: only the last word of a type's name makes it a reported entry. */
static void demo_event_ctxt_post(struct demo_eq *eq, u32 wp)
{
	eq->ctxt->wp = cpu_to_le32(wp);
	writel_relaxed(wp, eq->ci_db); // expect: missing-wmb-before-doorbell (x86_64, arm64, riscv64)
}
