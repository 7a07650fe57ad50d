/* missing-wc-flush: write-combined stores must be flushed (wmb) before a dependent access, an unlock or the return.
 * fixture-rules: all */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/spinlock.h>

struct push_q {
	void __iomem *bf;	/* BlueFlame-style WC window */
	void __iomem *regs;	/* uncached registers */
	spinlock_t lock;
	spinlock_t stats_lock;
	unsigned long posted;
};

static int push_q_map(struct pci_dev *pdev, struct push_q *q)
{
	q->bf = ioremap_wc(pci_resource_start(pdev, 2), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	q->regs = pci_iomap(pdev, 0, 0);
	return 0;
}

/* WC burst, then a relaxed doorbell in the uncached BAR: nothing orders them on arm64 (str) or powerpc64 (__raw).
 * x86 evicts WC buffers on the uncached access, so it is not listed (riscv 6.1 ioremap_wc is plain IO). */
static void push_then_relaxed_db(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8);
	writel_relaxed(1, q->regs + 0x40); // expect: missing-wc-flush (arm64)
}

static void push_then_raw_db(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8);
	__raw_writel(1, q->regs + 0x40); // expect: missing-wc-flush (arm64, powerpc64)
}

/* Clean: wmb() after the burst. */
static void push_flushed(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8);
	wmb();
	writel_relaxed(1, q->regs + 0x40);
}

/* Clean: writel() to the uncached BAR orders the WC stores before it on every architecture. */
static void push_then_writel(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8);
	writel(1, q->regs + 0x40);
}

/* WC stores still buffered when the lock is handed over (on powerpc64 this rule's finding only: mmio-unordered-with-unlock
 * leaves write-combined stores to it; on riscv64, without WC, the untracked copy is that rule's). */
static void push_locked(struct push_q *q, const u64 *wqe)
{
	spin_lock(&q->lock);
	__iowrite64_copy(q->bf, wqe, 8);
	spin_unlock(&q->lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (riscv64)
}

static void push_q_count(struct push_q *q)
{
	spin_lock(&q->stats_lock);
	q->posted++;
	spin_unlock(&q->stats_lock);
}

/* Clean: the unlock in the helper belongs to a lock taken after the WC stores (they are not in its critical section),
 * and on x86 taking it is a LOCK-prefixed cmpxchg, which drains the WC buffers. */
static void push_then_count(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8);
	push_q_count(q);
	wmb();
	writel_relaxed(1, q->regs + 0x40);
}

/* Clean: flushed before the unlock. */
static void push_locked_flushed(struct push_q *q, const u64 *wqe)
{
	spin_lock(&q->lock);
	__iowrite64_copy(q->bf, wqe, 8);
	wmb();
	spin_unlock(&q->lock);
}

/* io_stop_wc() stops merging (arm64 dgh) but orders nothing. */
static void push_stop_wc(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8);
	io_stop_wc();
	__raw_writel(1, q->regs + 0x40); // expect: missing-wc-flush (arm64, powerpc64)
}

/* Nobody calls this in the analysed files and it returns with the burst unflushed. */
void push_and_return(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8); // expect: missing-wc-flush (arm64, powerpc64, x86_64)
}

/* Clean: the device is notified with an I/O-port write (qxl_io_update_area: outb), which drains the WC buffers on x86
 * (an I/O instruction waits for buffered writes), is dmb oshst; str on arm64 and sync; stb on powerpc64. */
static void push_then_port_kick(struct push_q *q, const u64 *wqe, unsigned long port)
{
	spin_lock(&q->lock);
	__iowrite64_copy(q->bf, wqe, 8);
	outb(0, port);
	spin_unlock(&q->lock);
}

/* powerpc64 memset_io() and memcpy_toio() end with sync (arch/powerpc/kernel/io.c:146, :204), which drains their own
 * stores; x86_64 rep stos/movs does not, and spin_unlock is a plain store there. */
void clear_under_lock(struct push_q *q)
{
	spin_lock(&q->lock);
	memset_io(q->bf, 0, 4096);
	spin_unlock(&q->lock); // expect: missing-wc-flush (x86_64); mmio-unordered-with-unlock (riscv64)
}

void copy_under_lock(struct push_q *q, const void *img)
{
	spin_lock(&q->lock);
	memcpy_toio(q->bf, img, 4096);
	spin_unlock(&q->lock); // expect: missing-wc-flush (x86_64); mmio-unordered-with-unlock (riscv64)
}

/* Clean: at the return only a work-request push is owed a flush. A fill or an image copy that nothing consumes in
 * order (a framebuffer clear: neofb neo_map_video(), simpledrm; firmware images) arrives when the buffers drain. */
void clear_and_return(struct push_q *q)
{
	memset_io(q->bf, 0, 4096);
}

void copy_and_return(struct push_q *q, const void *img)
{
	memcpy_toio(q->bf, img, 4096);
}

/* Clean: a command pushed, then its answer polled in coherent memory (myri10ge_send_cmd): the device answers only
 * once the push has arrived. */
struct cmd_q {
	void __iomem *bf;
	u32 *response;
	dma_addr_t response_dma;
};

void cmd_q_init(struct pci_dev *pdev, struct cmd_q *c)
{
	c->bf = ioremap_wc(pci_resource_start(pdev, 2), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	c->response = dma_alloc_coherent(&pdev->dev, 4, &c->response_dma, GFP_KERNEL);
}

int push_and_poll(struct cmd_q *c, const u64 *cmd)
{
	int i;

	__iowrite64_copy(c->bf, cmd, 8);
	for (i = 0; i < 15 && *c->response == 0xffffffff; i++)
		msleep(1);
	return *c->response;
}

/* Clean: flushed. */
void clear_flushed(struct push_q *q)
{
	memset_io(q->bf, 0, 4096);
	wmb();
}

/* Clean: a read of the uncached BAR after the burst (an x86 "flush" read, switchtec flush_wc_buf()), then writel() of
 * the command on every path: on arm64 writel's dmb oshst orders the write-combined stores before the command. */
static u32 push_read_then_start(struct push_q *q, const u64 *wqe)
{
	u32 v;

	__iowrite64_copy(q->bf, wqe, 8);
	v = readl(q->regs + 0x44);
	writel(1, q->regs + 0x40);
	return v;
}

/* Bad: the read is the last access on one path; nothing after it orders the burst before what the device does next. */
static u32 push_read_maybe_start(struct push_q *q, const u64 *wqe, int go)
{
	u32 v;

	__iowrite64_copy(q->bf, wqe, 8);
	v = readl(q->regs + 0x44); // expect: missing-wc-flush (arm64)
	if (go)
		writel(1, q->regs + 0x40);
	return v;
}

/* A poll helper whose first exit a caller's constant rules out (q6v5_rmb_mba_wait() called with a non-zero status
 * #define): that branch is no path, so it does not end one before the ordered start that follows the poll. */
#define PQ_READY	3

static u32 push_q_wait(struct push_q *q, u32 status)
{
	u32 val;

	for (;;) {
		val = readl(q->regs + 0x48);
		if (!status && val)
			break;
		if (status && val == status)
			break;
		msleep(1);
	}
	return val;
}

/* Clean: every path out of the poll reaches writel() of the start. */
static void push_wait_then_start(struct push_q *q, const u64 *wqe)
{
	__iowrite64_copy(q->bf, wqe, 8);
	push_q_wait(q, PQ_READY);
	writel(1, q->regs + 0x40);
}

/* Bad: the start is skipped on one path, so the poll's read is the last access there. */
static void push_wait_maybe_start(struct push_q *q, const u64 *wqe, int go)
{
	__iowrite64_copy(q->bf, wqe, 8);
	push_q_wait(q, PQ_READY); // expect: missing-wc-flush (arm64)
	if (go)
		writel(1, q->regs + 0x40);
}

/* One local holds the uncached doorbell BAR, then the WC push window (lpfc_wq_create()'s bar_memmap_p): a member stored
 * from it before the reassignment is the uncached doorbell, not write-combined. */
struct dpp_q {
	void __iomem *db;	/* doorbell: uncached */
	void __iomem *push;	/* direct packet push: WC */
	void __iomem *late_db;	/* stored after the reassignment: WC */
	spinlock_t lock;
};

static int dpp_q_map(struct pci_dev *pdev, struct dpp_q *q, u32 db_off, u32 push_off)
{
	void __iomem *bar;

	bar = pci_iomap(pdev, 0, 0);
	if (!bar)
		return -ENOMEM;
	q->db = bar + db_off;
	bar = ioremap_wc(pci_resource_start(pdev, 4), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	if (!bar)
		return -ENOMEM;
	q->push = bar + push_off;
	q->late_db = bar + db_off;
	return 0;
}

static void dpp_q_ring(struct dpp_q *q, u32 v)
{
	spin_lock(&q->lock);
	writel(v, q->db);
	spin_unlock(&q->lock);
}

static void dpp_q_ring_late(struct dpp_q *q, u32 v)
{
	spin_lock(&q->lock);
	writel(v, q->late_db);
	spin_unlock(&q->lock); // expect: missing-wc-flush (x86_64)
}

/* A send queue in on-chip write-combined memory for some queues and in coherent host memory for the others (cxgb4's
 * alloc_oc_sq()/alloc_host_sq()): a store through it is not known to be write-combined, so nothing is reported. A
 * window that is write-combined or uncached (mlx5's BlueFlame register without WC) is device memory on every path and
 * write-combined on one: still reported. */
struct sq_mem {
	u64 *queue;		/* on-chip (WC) or host (coherent) */
	void __iomem *bf;	/* WC or uncached */
	dma_addr_t dma;
	spinlock_t lock;
};

static int sq_mem_alloc(struct pci_dev *pdev, struct sq_mem *sq, int onchip, int wc)
{
	if (onchip)
		sq->queue = (u64 *)ioremap_wc(pci_resource_start(pdev, 2), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	else
		sq->queue = dma_alloc_coherent(&pdev->dev, 4096, &sq->dma, GFP_KERNEL);
	if (wc)
		sq->bf = ioremap_wc(pci_resource_start(pdev, 4), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	else
		sq->bf = ioremap(pci_resource_start(pdev, 4), 4096);
	return 0;
}

static void sq_mem_post(struct sq_mem *sq, u64 wr)
{
	spin_lock(&sq->lock);
	sq->queue[0] = wr;
	spin_unlock(&sq->lock);
}

static void sq_mem_push(struct sq_mem *sq, const u64 *wqe)
{
	spin_lock(&sq->lock);
	__iowrite64_copy(sq->bf, wqe, 8);
	spin_unlock(&sq->lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (riscv64)
}
