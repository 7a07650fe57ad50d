/* missing-dma-rmb: a device-written status word is read, then the rest of the descriptor, with no dma_rmb().
 * fixture-rules: missing-dma-rmb */
#include <linux/dma-mapping.h>

#define RXD_DD	BIT(0)

union rx_desc {
	struct { __le64 pkt_addr; __le64 hdr_addr; } read;
	struct { __le32 rss; __le32 info; __le32 status_error; __le16 length; __le16 vlan; } wb;
};

struct rx_ring { union rx_desc *desc; dma_addr_t dma; unsigned int ntc; };

#define RX_DESC(R, i) (&(((union rx_desc *)((R)->desc))[i]))

static int rx_ring_alloc(struct device *dev, struct rx_ring *r)
{
	r->desc = dma_alloc_coherent(dev, 4096, &r->dma, GFP_KERNEL);
	return r->desc ? 0 : -ENOMEM;
}

/* Bug: the length may be read before the status word the device wrote last. */
static int rx_clean(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	if (!(le32_to_cpu(d->wb.status_error) & RXD_DD))
		return 0;
	return le16_to_cpu(d->wb.length); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Clean: dma_rmb() after the status check (the ixgbe shape). */
static int rx_clean_ok(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	if (!d->wb.status_error)
		return 0;
	dma_rmb();
	return le16_to_cpu(d->wb.length);
}

/* smp_rmb() is dmb ishld on arm64 and not meant for DMA; x86, powerpc64 and riscv64 order the loads with it. */
static int rx_clean_smp(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	if (!(le32_to_cpu(d->wb.status_error) & RXD_DD))
		return 0;
	smp_rmb();
	return le16_to_cpu(d->wb.length); // expect: missing-dma-rmb (arm64)
}

/* Clean: only the status word is read. */
static bool rx_done(struct rx_ring *r)
{
	union rx_desc *d = RX_DESC(r, r->ntc);

	return le32_to_cpu(d->wb.status_error) & RXD_DD;
}

struct cqe { __be32 byte_cnt; __be16 checksum; __be16 status; u8 owner; };
struct cq { struct cqe *buf; dma_addr_t dma; unsigned int ci; };

static int cq_alloc(struct device *dev, struct cq *c)
{
	c->buf = dma_alloc_coherent(dev, 4096, &c->dma, GFP_KERNEL);
	return c->buf ? 0 : -ENOMEM;
}

/* Clean (the mlx4 shape): once the ownership bit is checked and dma_rmb() run, the CQE is the CPU's; a later field
 * that happens to be called status is data, not a new hand-over. */
static int cq_poll(struct cq *c)
{
	struct cqe *e = &c->buf[c->ci];
	int n = 0;

	while (e->owner & 1) {
		dma_rmb();
		if (e->status & cpu_to_be16(2))
			n += be32_to_cpu(e->byte_cnt);
		c->ci++;
		e = &c->buf[c->ci];
	}
	return n;
}

struct tx_desc { __le64 addr; __le32 status; __le32 misc; };
struct tx_ring { struct tx_desc *desc; dma_addr_t dma; };

static int tx_alloc(struct device *dev, struct tx_ring *t)
{
	t->desc = dma_alloc_coherent(dev, 4096, &t->dma, GFP_KERNEL);
	return t->desc ? 0 : -ENOMEM;
}

/* Clean: after a completed transmit, the buffer address the CPU itself wrote is read back to unmap it. */
static u64 tx_clean(struct tx_ring *t, int i)
{
	if (!(le32_to_cpu(t->desc[i].status) & 1))
		return 0;
	return le64_to_cpu(t->desc[i].addr);
}

/* Bug: the device writes error bits into misc; it may be read before the status that says it is valid. */
static u32 tx_errors(struct tx_ring *t, int i)
{
	if (!(le32_to_cpu(t->desc[i].status) & 1))
		return 0;
	return le32_to_cpu(t->desc[i].misc); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* A buffer descriptor whose status and count are bitfields of one u32 (the i.MX SDMA shape), and one whose status and
 * count are two words. */
struct bd_mode { u32 count : 16; u32 status : 8; u32 command : 8; };
struct bd_words { u32 count; u32 status; };
struct bd { struct bd_mode mode; struct bd_words words; u32 buffer_addr; };
struct bd_chan { struct bd *bd; dma_addr_t bd_phys; unsigned int cur; };

static int bd_alloc(struct device *dev, struct bd_chan *c)
{
	c->bd = dma_alloc_coherent(dev, 4096, &c->bd_phys, GFP_KERNEL);
	return c->bd ? 0 : -ENOMEM;
}

/* Clean: count and status share one storage unit, one memory location; read-read coherence orders the two reads. */
static int bd_count_ok(struct bd_chan *c)
{
	struct bd *bd = &c->bd[c->cur];

	if (bd->mode.status & 0x1)
		return -EBUSY;
	return bd->mode.count;
}

/* Bug: the same test on two separate words of the descriptor. */
static int bd_count(struct bd_chan *c)
{
	struct bd *bd = &c->bd[c->cur];

	if (bd->words.status & 0x1)
		return -EBUSY;
	return bd->words.count; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/*
 * The same through a ring whose struct is declared outside the analysed files (thunderbolt's `struct tb_ring` lives in
 * include/linux): the load's struct type is unknown, so the descriptor structs of this file with both members decide.
 */
struct xd_desc { u64 phys; u32 length : 12; u32 eof : 4; u32 flags : 16; u32 time; };
struct xw_desc { u64 phys; u32 size; u32 status; };

static int xring_alloc(struct device *dev, struct ext_ring *ring)
{
	ring->xd = dma_alloc_coherent(dev, 4096, &ring->xd_dma, GFP_KERNEL);
	ring->xw = dma_alloc_coherent(dev, 4096, &ring->xw_dma, GFP_KERNEL);
	return ring->xd && ring->xw ? 0 : -ENOMEM;
}

/* Clean: `length` and `flags` are bitfields of one u32 in the only struct of the file that has both. */
static int xring_poll_ok(struct ext_ring *ring)
{
	if (!(ring->xd[ring->tail].flags & BIT(1)))
		return -EBUSY;
	return ring->xd[ring->tail].length;
}

/* Bug: `size` and `status` are two words. */
static int xring_poll(struct ext_ring *ring)
{
	if (!(ring->xw[ring->tail].status & BIT(1)))
		return -EBUSY;
	return ring->xw[ring->tail].size; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* A receive descriptor with the driver's own bookkeeping beside the device's words (the dmfe/fealnx shape). */
struct sw_rx_desc {
	__le32 rdes0, rdes1, rdes2, rdes3;
	struct sk_buff *rx_skb;
	struct sw_rx_desc *next_logical;
	dma_addr_t buf_dma;
	__le32 frame_len;
};
struct sw_rx_ring { struct sw_rx_desc *ring; dma_addr_t ring_dma; struct sw_rx_desc *cur; };

static int sw_ring_alloc(struct device *dev, struct sw_rx_ring *r)
{
	r->ring = dma_alloc_coherent(dev, 4096, &r->ring_dma, GFP_KERNEL);
	r->cur = r->ring;
	return r->ring ? 0 : -ENOMEM;
}

/* Clean: the skb pointer, the link and the DMA handle are written by the CPU only (by their types). */
static struct sk_buff *sw_rx_ok(struct sw_rx_ring *r)
{
	struct sw_rx_desc *d = r->cur;

	if (le32_to_cpu(d->rdes0) & 0x80000000)
		return NULL;
	r->cur = d->next_logical;
	dma_unmap_single(NULL, d->buf_dma, 1536, DMA_FROM_DEVICE);
	return d->rx_skb;
}

/* Bug: the frame length is the device's write-back, read with no dma_rmb() after the ownership test. */
static u32 sw_rx_len(struct sw_rx_ring *r)
{
	struct sw_rx_desc *d = r->cur;

	if (le32_to_cpu(d->rdes0) & 0x80000000)
		return 0;
	return le32_to_cpu(d->frame_len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* A response buffer the firmware fills before the command completes (the qla2xxx port-database shape): a flags word
 * that only selects a value is data, not a hand-over gate. */
struct port_db { __le16 flags; u8 svc_param[4]; u8 port_name[8]; };
struct port_req { struct port_db *pd; dma_addr_t pd_dma; u32 classes; u32 conf; };

static int port_db_alloc(struct device *dev, struct port_req *q)
{
	q->pd = dma_alloc_coherent(dev, 64, &q->pd_dma, GFP_KERNEL);
	return q->pd ? 0 : -ENOMEM;
}

/* Clean: `flags` picks one of two values; nothing is read under it. */
static void port_db_parse_ok(struct port_req *q)
{
	struct port_db *pd = q->pd;

	q->classes = (le16_to_cpu(pd->flags) & 0x10) ? 2 : 3;
	q->conf = pd->svc_param[0] & 0x80;
}

/* Bug: the same flags word tested as a gate of the reads that follow. */
static int port_db_parse(struct port_req *q)
{
	struct port_db *pd = q->pd;

	if (!(le16_to_cpu(pd->flags) & 0x10))
		return -EAGAIN;
	return pd->svc_param[0] & 0x80; // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* A configuration page the firmware fills in answer to a command (the mptsas/mptbase shape). */
struct cfg_page { __le32 flags; __le32 num_disks; };
struct cfg_req { dma_addr_t page; struct completion done; void __iomem *regs; };

#define PAGE_INACTIVE	BIT(3)

/* Posts the request and sleeps until the interrupt handler completes it. */
static int cfg_issue(struct cfg_req *req)
{
	writel(lower_32_bits(req->page), req->regs + 0x10);
	wait_for_completion(&req->done);
	return 0;
}

/* Clean: the page is read after the command's completion wait; its flags are a result, not a hand-over word. */
static int cfg_read_disks_ok(struct device *dev, struct cfg_req *req)
{
	struct cfg_page *page;
	dma_addr_t dma;
	int n;

	page = dma_alloc_coherent(dev, sizeof(*page), &dma, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	req->page = dma;
	if (cfg_issue(req))
		return -EIO;
	if (!(le32_to_cpu(page->flags) & PAGE_INACTIVE))
		return 0;
	n = le32_to_cpu(page->num_disks);
	return n;
}

/* Bug: the same buffer polled instead of waited for: its flags word is the hand-over. */
static int cfg_poll_disks(struct device *dev, struct cfg_req *req)
{
	struct cfg_page *page;
	dma_addr_t dma;

	page = dma_alloc_coherent(dev, sizeof(*page), &dma, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	writel(lower_32_bits(dma), req->regs + 0x10);
	while (!(le32_to_cpu(page->flags) & PAGE_INACTIVE))
		cpu_relax();
	return le32_to_cpu(page->num_disks); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/*
 * The device hands entries over through a count or index register: it writes the entries, then updates the register.
 * A loop bounded by an ordered readl() of that register reads only filled entries; `status` there is payload.
 */
struct cnt_desc { __le32 status; __le16 data_size; __le16 csum; };
struct cnt_ring { struct cnt_desc *descs; dma_addr_t dma; unsigned int next; void __iomem *base; };

static int cnt_ring_alloc(struct device *dev, struct cnt_ring *q)
{
	q->descs = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->descs ? 0 : -ENOMEM;
}

static u32 cnt_busy(struct cnt_ring *q)
{
	return readl(q->base + 0x10) & 0x3fff;
}

/* Clean: the loop runs over the occupied count the device updates after writing the descriptors (the mvneta shape). */
static int cnt_rx_ok(struct cnt_ring *q, int budget)
{
	int done = 0, bytes = 0;
	u32 todo = cnt_busy(q);

	while (done < budget && done < todo) {
		struct cnt_desc *d = &q->descs[q->next];
		u32 st = le32_to_cpu(d->status);

		done++;
		q->next = (q->next + 1) & 255;
		if (st & BIT(27))
			bytes += le16_to_cpu(d->data_size);
	}
	return bytes;
}

static void idx_read(struct cnt_ring *q, u32 reg, u32 *val)
{
	*val = ioread32(q->base + reg);
}

/* Clean: entries up to the read index the device advances (an out-parameter of an ioread32 helper, the ipw2100 shape). */
static int idx_rx_ok(struct cnt_ring *q)
{
	u32 r, i;
	int bytes = 0;

	idx_read(q, 0x20, &r);
	for (i = q->next; i != r; i = (i + 1) & 255) {
		if (q->descs[i].status & BIT(1))
			continue;
		bytes += q->descs[i].data_size;
	}
	q->next = i;
	return bytes;
}

/* Bug: the interrupt status read at the top orders nothing the device writes later; the descriptor status is the gate. */
static int isr_rx(struct cnt_ring *q, int budget)
{
	u32 isr = readl(q->base + 0x30);
	int bytes = 0;

	if (!(isr & BIT(0)))
		return 0;
	while (budget--) {
		struct cnt_desc *d = &q->descs[q->next];

		if (!(le32_to_cpu(d->status) & BIT(31)))
			break;
		bytes += le16_to_cpu(d->data_size); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		q->next = (q->next + 1) & 255;
	}
	return bytes;
}

/* Bug: the loop re-reads the interrupt status register, but masks a bit: it does not count entries. */
static int isr_loop_rx(struct cnt_ring *q)
{
	u32 isr;
	int bytes = 0;

	while ((isr = readl(q->base + 0x30)) & BIT(0)) {
		struct cnt_desc *d = &q->descs[q->next];

		if (!(le32_to_cpu(d->status) & BIT(31)))
			break;
		bytes += le16_to_cpu(d->data_size); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		writel(BIT(0), q->base + 0x30);
	}
	return bytes;
}

/*
 * Bug: the count is read with readl_relaxed(), which orders no later load on arm64 and riscv64 (and is no compiler
 * barrier on x86_64); powerpc64's readl_relaxed() is readl(). Reported once, at the first entry read, naming the
 * register read (the status test after it is then no hand-over of its own).
 */
static int cnt_rx_relaxed(struct cnt_ring *q, int budget)
{
	int done = 0, bytes = 0;
	u32 todo = readl_relaxed(q->base + 0x10) & 0x3fff;

	while (done < budget && done < todo) {
		struct cnt_desc *d = &q->descs[q->next];
		u32 st = le32_to_cpu(d->status); // expect: missing-dma-rmb (arm64, riscv64, x86_64)

		done++;
		if (st & BIT(27))
			bytes += le16_to_cpu(d->data_size);
	}
	return bytes;
}

/*
 * One local holds the coherent ring and then a kcalloc() bookkeeping array (the lan743x shape): each member gets the
 * allocation the local held when it was stored, so the array the device never sees is not a descriptor ring.
 */
struct bk_desc { __le32 status; __le32 length; };
struct bk_info { u32 flags; u32 buffer_length; };
struct bk_ring { struct bk_desc *descs; struct bk_info *info; dma_addr_t dma; };

static int bk_ring_init(struct device *dev, struct bk_ring *t)
{
	void *cpu_ptr;

	cpu_ptr = dma_alloc_coherent(dev, 4096, &t->dma, GFP_KERNEL);
	if (!cpu_ptr)
		return -ENOMEM;
	t->descs = (struct bk_desc *)cpu_ptr;
	cpu_ptr = kcalloc(64, sizeof(*t->info), GFP_KERNEL);
	if (!cpu_ptr)
		return -ENOMEM;
	t->info = (struct bk_info *)cpu_ptr;
	return 0;
}

/* Clean: `info` is the CPU's kcalloc array; `flags` and `buffer_length` are bookkeeping. */
static u32 bk_release_ok(struct bk_ring *t, int i)
{
	struct bk_info *info = &t->info[i];

	if (!(info->flags & BIT(0)))
		return 0;
	return info->buffer_length;
}

/* Bug: the ring stored from the same local is coherent, and length is read after the status test with no dma_rmb(). */
static u32 bk_desc_done(struct bk_ring *t, int i)
{
	struct bk_desc *d = &t->descs[i];

	if (!(le32_to_cpu(d->status) & BIT(31)))
		return 0;
	return le32_to_cpu(d->length); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the local the readl() set is reused as the loop counter, so the loop is not bounded by the register's value. */
static int reused_local_rx(struct cnt_ring *q, u32 n)
{
	int bytes = 0;
	u32 v = readl(q->base + 0x30);

	if (v & BIT(0))
		writel(v, q->base + 0x30);
	for (v = 0; v < n; v++) {
		struct cnt_desc *d = &q->descs[(q->next + v) & 255];

		if (!(le32_to_cpu(d->status) & BIT(31)))
			break;
		bytes += le16_to_cpu(d->data_size); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return bytes;
}

/*
 * The walk is bounded in the caller and the entries are read in a helper: a static helper every call of which sits in
 * a loop an ordered index read bounds (in the caller, or one caller further up) reads only filled entries.
 */
struct hq_entry { __le16 status; __le16 flags; __le32 len; };
struct hq { struct hq_entry *ents; dma_addr_t dma; unsigned int ci; void __iomem *pi_reg; int bytes; };

static int hq_alloc(struct device *dev, struct hq *q)
{
	q->ents = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->ents ? 0 : -ENOMEM;
}

/* Clean: only hq_walk() calls it, inside `while (ci != pi)` with pi from readl(). */
static void hq_take(struct hq *q, unsigned int i)
{
	struct hq_entry *e = &q->ents[i];

	if (le16_to_cpu(e->flags) & BIT(3))
		return;
	q->bytes += le32_to_cpu(e->len);
}

static void hq_walk(struct hq *q)
{
	u32 pi = readl(q->pi_reg);

	while (q->ci != pi) {
		hq_take(q, q->ci);
		q->ci = (q->ci + 1) & 255;
	}
}

/* Clean: two callers down from `while (1) { pi = readl(..); if (pi == ci) break; ... }` (the smartpqi shape). */
static void hq_error(struct hq *q, unsigned int i)
{
	struct hq_entry *e = &q->ents[i];
	u16 st = le16_to_cpu(e->status);

	if (st == 2)
		q->bytes -= le32_to_cpu(e->len);
}

static void hq_dispatch(struct hq *q, unsigned int i)
{
	if (i & 1)
		hq_error(q, i);
}

static int hq_intr(struct hq *q)
{
	unsigned int ci = q->ci;
	u32 pi;
	int n = 0;

	while (1) {
		pi = readl(q->pi_reg);
		if (pi == ci)
			break;
		hq_dispatch(q, ci);
		ci = (ci + 1) & 255;
		n++;
	}
	q->ci = ci;
	return n;
}

/* Clean: the exit test in the walk's own loop bounds its reads too. */
static int hq_intr_inline(struct hq *q)
{
	unsigned int ci = q->ci;
	u32 pi;
	int bytes = 0;

	while (1) {
		pi = readl(q->pi_reg);
		if (pi == ci)
			break;
		if (!(le16_to_cpu(q->ents[ci].status) & BIT(0)))
			bytes += le32_to_cpu(q->ents[ci].len);
		ci = (ci + 1) & 255;
	}
	q->ci = ci;
	return bytes;
}

/* Bug: the exit test masks an interrupt status bit; it counts nothing. */
static int hq_isr_inline(struct hq *q)
{
	unsigned int ci = q->ci;
	u32 isr;
	int bytes = 0;

	while (1) {
		isr = readl(q->pi_reg);
		if (!(isr & BIT(0)))
			break;
		if (!(le16_to_cpu(q->ents[ci].status) & BIT(0)))
			bytes += le32_to_cpu(q->ents[ci].len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		ci = (ci + 1) & 255;
	}
	return bytes;
}

/* Bug: one caller bounds the walk, the other does not (an interrupt status bit), so the helper's reads are gates. */
static void hq_peek(struct hq *q, unsigned int i)
{
	struct hq_entry *e = &q->ents[i];

	if (le16_to_cpu(e->flags) & BIT(3))
		return;
	q->bytes += le32_to_cpu(e->len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

static void hq_walk_peek(struct hq *q)
{
	u32 pi = readl(q->pi_reg);

	while (q->ci != pi) {
		hq_peek(q, q->ci);
		q->ci = (q->ci + 1) & 255;
	}
}

static void hq_isr_peek(struct hq *q)
{
	u32 isr = readl(q->pi_reg);

	if (isr & BIT(0))
		hq_peek(q, q->ci);
}

/* Bug: the helper is also a callback (named in an ops table), called where no bound is known. */
static void hq_cb(struct hq *q, unsigned int i)
{
	struct hq_entry *e = &q->ents[i];

	if (le16_to_cpu(e->flags) & BIT(3))
		return;
	q->bytes += le32_to_cpu(e->len); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

static void hq_walk_cb(struct hq *q)
{
	u32 pi = readl(q->pi_reg);

	while (q->ci != pi) {
		hq_cb(q, q->ci);
		q->ci = (q->ci + 1) & 255;
	}
}

struct hq_ops { void (*take)(struct hq *q, unsigned int i); };
static const struct hq_ops hq_cb_ops = { .take = hq_cb };

/*
 * A mailbox command completed by polling a register: the device writes the whole response, then sets the ready bit
 * the driver polls with readl(), which orders the later loads; the response's status word is a result, not a gate.
 */
struct mbx_rsp { __le16 status; __le16 addl; __le32 fw_id; __le32 fw_id2; };
struct mbx { struct mbx_rsp *rsp; dma_addr_t rsp_dma; void __iomem *reg; };

#define MBX_RDY		BIT(0)

static int mbx_alloc(struct device *dev, struct mbx *m)
{
	m->rsp = dma_alloc_coherent(dev, 256, &m->rsp_dma, GFP_KERNEL);
	return m->rsp ? 0 : -ENOMEM;
}

static int mbx_wait(struct mbx *m, unsigned int ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);
	u32 val;

	do {
		val = readl(m->reg + 0x60);
		if (val & MBX_RDY)
			return 0;
		usleep_range(1000, 2000);
	} while (time_before(jiffies, end));
	return -EIO;
}

static int mbx_write(struct mbx *m)
{
	writel(lower_32_bits(m->rsp_dma), m->reg + 0x60);
	if (mbx_wait(m, 10))
		return -EIO;
	writel(upper_32_bits(m->rsp_dma), m->reg + 0x60);
	return mbx_wait(m, 1000);
}

static int mbx_command(struct mbx *m)
{
	if (readl(m->reg + 0x64) & BIT(31))
		return -EIO;
	return mbx_write(m);
}

/* Clean: the poll of the ready bit is three calls down (the libefc_sli bootstrap mailbox shape). */
static int mbx_fw_rev(struct mbx *m, u32 *rev)
{
	struct mbx_rsp *rsp = m->rsp;

	if (mbx_command(m))
		return -EIO;
	if (le16_to_cpu(rsp->status))
		return -EIO;
	*rev = le32_to_cpu(rsp->fw_id);
	return 0;
}

/* Clean: the helper that rings the doorbell polls the ready bit itself (`while (!(readl(..) & RDY))`). */
static int mbx_exec(struct mbx *m)
{
	int tries = 1000;

	writel(1, m->reg + 0x68);
	while (!(readl(m->reg + 0x60) & MBX_RDY) && --tries)
		udelay(10);
	return tries ? 0 : -ETIMEDOUT;
}

static int mbx_fw_rev2(struct mbx *m, u32 *rev)
{
	struct mbx_rsp *rsp = m->rsp;

	if (mbx_exec(m))
		return -EIO;
	if (le16_to_cpu(rsp->status))
		return -EIO;
	*rev = le32_to_cpu(rsp->fw_id2);
	return 0;
}

/* Bug: the helper waits for the mailbox to be free and then posts the command; nothing waits for its completion. */
static int mbx_post(struct mbx *m)
{
	int tries = 1000;

	while ((readl(m->reg + 0x60) & BIT(1)) && --tries)
		udelay(10);
	writel(1, m->reg + 0x68);
	return 0;
}

static u32 mbx_post_then_read(struct mbx *m)
{
	struct mbx_rsp *rsp = m->rsp;

	mbx_post(m);
	while (!(le16_to_cpu(rsp->status) & BIT(15)))
		cpu_relax();
	return le32_to_cpu(rsp->fw_id); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

/* Bug: the poll is done with readl_relaxed(), which orders later loads only on powerpc64. */
static int mbx_wait_relaxed(struct mbx *m)
{
	int tries = 1000;

	while (!(readl_relaxed(m->reg + 0x60) & MBX_RDY) && --tries)
		udelay(10);
	return tries ? 0 : -ETIMEDOUT;
}

static int mbx_fw_rev_relaxed(struct mbx *m, u32 *rev)
{
	struct mbx_rsp *rsp = m->rsp;

	writel(1, m->reg + 0x68);
	if (mbx_wait_relaxed(m))
		return -EIO;
	if (le16_to_cpu(rsp->status))
		return -EIO;
	*rev = le32_to_cpu(rsp->fw_id); // expect: missing-dma-rmb (arm64, riscv64, x86_64)
	return 0;
}

/* Bug: after the poll the function walks a ring in a loop; entries the device writes later are gated by `status`. */
static int mbx_ring_after_poll(struct mbx *m, int n)
{
	int i, sum = 0;

	if (mbx_exec(m))
		return -EIO;
	for (i = 0; i < n; i++) {
		if (!(le16_to_cpu(m->rsp[i].status) & BIT(15)))
			break;
		sum += le32_to_cpu(m->rsp[i].fw_id); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return sum;
}

/*
 * A helper that tests the phase bit, runs dma_rmb() and returns the descriptor (the ena_com shape): the caller's reads
 * of it, a re-read of the status word included, come after that barrier.
 */
struct cq_desc { __le32 status; __le16 req_id; __le16 length; };
struct cq { struct cq_desc *descs; dma_addr_t dma; u16 head; u16 phase; };

static int cq_alloc(struct device *dev, struct cq *q)
{
	q->descs = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->descs ? 0 : -ENOMEM;
}

static struct cq_desc *cq_next(struct cq *q)
{
	struct cq_desc *cdesc = &q->descs[q->head & 255];

	if ((READ_ONCE(cdesc->status) & BIT(31)) != q->phase)
		return NULL;
	dma_rmb();
	return cdesc;
}

/* Clean: cq_next() fenced the descriptor before handing it back. */
static int cq_pkt_get(struct cq *q)
{
	struct cq_desc *cdesc;
	int n = 0;

	do {
		u32 status;

		cdesc = cq_next(q);
		if (!cdesc)
			break;
		status = READ_ONCE(cdesc->status);
		q->head++;
		if (status & BIT(1))
			return le16_to_cpu(cdesc->req_id);
		n++;
	} while (n < 8);
	return n;
}

static struct cq_desc *cq_peek(struct cq *q)
{
	struct cq_desc *cdesc = &q->descs[q->head & 255];

	if ((READ_ONCE(cdesc->status) & BIT(31)) != q->phase)
		return NULL;
	return cdesc;
}

/* Bug: cq_peek() hands the descriptor back without a barrier. */
static int cq_pkt_peek(struct cq *q)
{
	struct cq_desc *cdesc = cq_peek(q);
	u32 status;

	if (!cdesc)
		return 0;
	status = READ_ONCE(cdesc->status);
	if (status & BIT(1))
		return le16_to_cpu(cdesc->req_id); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	return 0;
}

/*
 * The phase tag is read through one pointer (`info`, at the entry's end) and the response through another (`rsp`, the
 * entry's start), both into the same coherent ring (the fungible CQ shape): dma_rmb() after the phase test orders the
 * response's words, `flags` included.
 */
struct ph_info { __be16 sqhd; __be16 sf_p; };
struct ph_rsp { __be16 flags; __be16 ret; __be32 data; };
struct ph_cq { void *cqes; dma_addr_t dma; u16 head; u16 phase; };

static int ph_alloc(struct device *dev, struct ph_cq *q)
{
	q->cqes = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->cqes ? 0 : -ENOMEM;
}

static inline struct ph_info *ph_info_of(struct ph_cq *q, void *cqe)
{
	return cqe + 60;
}

/* Clean: the phase test, dma_rmb(), then the response. */
static int ph_process(struct ph_cq *q, int max)
{
	int n, sum = 0;

	for (n = 0; n < max; n++) {
		void *cqe = q->cqes + (q->head << 6);
		struct ph_info *info = ph_info_of(q, cqe);
		struct ph_rsp *rsp;

		if ((be16_to_cpu(info->sf_p) & 1) != q->phase)
			break;
		dma_rmb();
		q->head++;
		rsp = cqe;
		if (be16_to_cpu(rsp->flags) & 1)
			sum += be16_to_cpu(rsp->ret);
	}
	return sum;
}

/* Bug: no barrier after the phase test, so `flags` is read as early as anything. */
static int ph_process_nb(struct ph_cq *q, int max)
{
	int n, sum = 0;

	for (n = 0; n < max; n++) {
		void *cqe = q->cqes + (q->head << 6);
		struct ph_info *info = ph_info_of(q, cqe);
		struct ph_rsp *rsp;

		if ((be16_to_cpu(info->sf_p) & 1) != q->phase)
			break;
		q->head++;
		rsp = cqe;
		if (be16_to_cpu(rsp->flags) & 1)
			sum += be16_to_cpu(rsp->ret); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return sum;
}

/* Bug: after the barrier the next entry's phase is tested through another pointer, and its response read unfenced. */
static int ph_peek_next(struct ph_cq *q)
{
	void *cqe = q->cqes + (q->head << 6);
	void *nxt = q->cqes + ((q->head + 1) << 6);
	struct ph_info *info = ph_info_of(q, cqe);
	struct ph_info *ninfo = ph_info_of(q, nxt);
	struct ph_rsp *nrsp = nxt;

	if ((be16_to_cpu(info->sf_p) & 1) != q->phase)
		return 0;
	dma_rmb();
	if ((be16_to_cpu(ninfo->sf_p) & 1) != q->phase)
		return 0;
	if (be16_to_cpu(nrsp->flags) & 1)
		return be16_to_cpu(nrsp->ret); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	return 0;
}

/*
 * Bug: the poll runs dma_rmb() before each re-read, so the read that finally sees the flag is followed by none; the
 * earlier test of another entry and the barriers of the failed polls acquire nothing for it.
 */
static int ph_poll(struct ph_cq *q)
{
	struct ph_rsp *prev = q->cqes;
	struct ph_rsp *r = q->cqes + 64;
	int i;

	if (be16_to_cpu(prev->flags) & 1)
		return 0;
	for (i = 0; i < 100; i++) {
		udelay(10);
		dma_rmb();
		if (be16_to_cpu(r->flags) & 1)
			return be16_to_cpu(r->ret); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return -ETIMEDOUT;
}

/*
 * The hand-over test is in the caller (the NVMe CQ loop): nc_pending() tests the phase bit, the caller runs dma_rmb(),
 * then calls the handler, whose reads of the entry all come after that barrier.
 */
struct nc_cqe { __le32 result; __le16 command_id; __le16 status; };
struct nc_q { struct nc_cqe *cqes; dma_addr_t dma; u16 head; u16 phase; u32 res; };

static int nc_alloc(struct device *dev, struct nc_q *q)
{
	q->cqes = dma_alloc_coherent(dev, 4096, &q->dma, GFP_KERNEL);
	return q->cqes ? 0 : -ENOMEM;
}

static inline bool nc_pending(struct nc_q *q)
{
	struct nc_cqe *hcqe = &q->cqes[q->head];

	return (le16_to_cpu(READ_ONCE(hcqe->status)) & 1) == q->phase;
}

/* Clean: its only caller tests the phase and runs dma_rmb() before each call. */
static inline void nc_handle(struct nc_q *q, u16 idx)
{
	struct nc_cqe *cqe = &q->cqes[idx];

	if (le16_to_cpu(cqe->status) >> 1)
		q->res = le32_to_cpu(cqe->result);
}

static int nc_poll(struct nc_q *q)
{
	int found = 0;

	while (nc_pending(q)) {
		found++;
		dma_rmb();
		nc_handle(q, q->head);
		q->head++;
	}
	return found;
}

/* Bug: its only caller tests the phase but runs no barrier before the call. */
static inline void nc_handle_nb(struct nc_q *q, u16 idx)
{
	struct nc_cqe *cqe = &q->cqes[idx];

	if (le16_to_cpu(cqe->status) >> 1)
		q->res = le32_to_cpu(cqe->result); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

static int nc_poll_nb(struct nc_q *q)
{
	int found = 0;

	while (nc_pending(q)) {
		found++;
		nc_handle_nb(q, q->head);
		q->head++;
	}
	return found;
}

/* Bug on arm64: the caller's smp_rmb() is dmb ishld there, not meant for the device. */
static inline void nc_handle_smp(struct nc_q *q, u16 idx)
{
	struct nc_cqe *cqe = &q->cqes[idx];

	if (le16_to_cpu(cqe->status) >> 1)
		q->res = le32_to_cpu(cqe->result); // expect: missing-dma-rmb (arm64)
}

static int nc_poll_smp(struct nc_q *q)
{
	int found = 0;

	while (nc_pending(q)) {
		found++;
		smp_rmb();
		nc_handle_smp(q, q->head);
		q->head++;
	}
	return found;
}

/* Bug: one caller fences before the call, the other (a timeout path) calls it without any test. */
static inline void nc_handle_two(struct nc_q *q, u16 idx)
{
	struct nc_cqe *cqe = &q->cqes[idx];

	if (le16_to_cpu(cqe->status) >> 1)
		q->res = le32_to_cpu(cqe->result); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
}

static int nc_poll_two(struct nc_q *q)
{
	int found = 0;

	while (nc_pending(q)) {
		found++;
		dma_rmb();
		nc_handle_two(q, q->head);
		q->head++;
	}
	return found;
}

static void nc_timeout(struct nc_q *q)
{
	nc_handle_two(q, q->head);
}

/* Bug: the caller fences once, but the helper walks on to entries nobody tested before it. */
static void nc_drain(struct nc_q *q)
{
	while (le16_to_cpu(q->cqes[q->head].status) & 1) {
		q->res += le32_to_cpu(q->cqes[q->head].result); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
		q->head++;
	}
}

static void nc_poll_drain(struct nc_q *q)
{
	if (!nc_pending(q))
		return;
	dma_rmb();
	nc_drain(q);
}

/*
 * The budget is clamped to the occupied count an ordered readl() returned, and the loop runs up to the budget (the
 * mvneta_rx_hwbm shape): it reads only entries the count covers.
 */
static int cnt_rx_clamp_ok(struct cnt_ring *q, int todo)
{
	int done, bytes = 0;

	done = cnt_busy(q);
	if (todo > done)
		todo = done;
	done = 0;
	while (done < todo) {
		struct cnt_desc *d = &q->descs[q->next];
		u32 st = le32_to_cpu(d->status);

		done++;
		q->next = (q->next + 1) & 255;
		if (st & BIT(27))
			bytes += le16_to_cpu(d->data_size);
	}
	return bytes;
}

/* Clean: the same clamp written with min_t(). */
static int cnt_rx_min_ok(struct cnt_ring *q, u32 budget)
{
	u32 busy = cnt_busy(q);
	u32 todo = budget, i;
	int bytes = 0;

	todo = min_t(u32, todo, busy);
	for (i = 0; i < todo; i++) {
		struct cnt_desc *d = &q->descs[(q->next + i) & 255];

		if (le32_to_cpu(d->status) & BIT(27))
			bytes += le16_to_cpu(d->data_size);
	}
	q->next = (q->next + todo) & 255;
	return bytes;
}

/* Bug: the clamping count is read with readl_relaxed(), which orders no later load except on powerpc64 (reported at
 * the first entry read, as above). */
static int cnt_rx_clamp_relaxed(struct cnt_ring *q, int todo)
{
	int done, bytes = 0;

	done = readl_relaxed(q->base + 0x10) & 0x3fff;
	if (todo > done)
		todo = done;
	done = 0;
	while (done < todo) {
		struct cnt_desc *d = &q->descs[q->next];
		u32 st = le32_to_cpu(d->status); // expect: missing-dma-rmb (arm64, riscv64, x86_64)

		done++;
		q->next = (q->next + 1) & 255;
		if (st & BIT(27))
			bytes += le16_to_cpu(d->data_size);
	}
	return bytes;
}

/* Bug: the budget is clamped on one path only, so the loop may run past the count. */
static int cnt_rx_clamp_cond(struct cnt_ring *q, int todo, bool fair)
{
	int done, bytes = 0;

	done = cnt_busy(q);
	if (fair) {
		if (todo > done)
			todo = done;
	}
	done = 0;
	while (done < todo) {
		struct cnt_desc *d = &q->descs[q->next];
		u32 st = le32_to_cpu(d->status);

		done++;
		q->next = (q->next + 1) & 255;
		if (st & BIT(27))
			bytes += le16_to_cpu(d->data_size); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return bytes;
}

/* Bug: the test goes the other way: the budget is raised to the count, not limited by it. */
static int cnt_rx_clamp_up(struct cnt_ring *q, int todo)
{
	int done, bytes = 0;

	done = cnt_busy(q);
	if (todo < done)
		todo = done;
	done = 0;
	while (done < todo) {
		struct cnt_desc *d = &q->descs[q->next];
		u32 st = le32_to_cpu(d->status);

		done++;
		q->next = (q->next + 1) & 255;
		if (st & BIT(27))
			bytes += le16_to_cpu(d->data_size); // expect: missing-dma-rmb (arm64, powerpc64, riscv64, x86_64)
	}
	return bytes;
}

/* Taking a spinlock between the status check and the reads (aic94xx's done-list tasklet): on x86_64 the lock is an
 * out-of-line call on TSO hardware, powerpc64 acquires with lwsync and riscv64's ticket lock is an amoadd.w.aqrl,
 * so they keep the loads in order; arm64's acquire (ldaxr/casa) orders only what comes after it. */
static int rx_clean_locked(struct rx_ring *r, spinlock_t *lock)
{
	union rx_desc *d = RX_DESC(r, r->ntc);
	unsigned long flags;
	int len;

	if (!(le32_to_cpu(d->wb.status_error) & RXD_DD))
		return 0;
	spin_lock_irqsave(lock, flags);
	len = le16_to_cpu(d->wb.length); // expect: missing-dma-rmb (arm64)
	spin_unlock_irqrestore(lock, flags);
	return len;
}
