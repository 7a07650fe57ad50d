/* A file's own `#define`/`#undef` lines decide the `#if`s after them on the targets compiling them
 * (src/analysis/preproc-defines.ts): `#define one_buffer` before `#if defined(one_buffer)` ... `#elif` makes the
 * `#elif` dead (fealnx.c:1300-1358), and `#if BITS_PER_LONG == 64` / `#define USE_QWORD_IO 1` leaves only the
 * `#ifdef USE_QWORD_IO` branch on the four 64-bit targets (sfc io.h:62-64). A name the file does not certainly define
 * before the `#if` stays unknown: it may come from `-D` or a header.
 * fixture-rules: missing-wmb-before-doorbell */
#ifndef FILE_OWN_DEFINES_H
#define FILE_OWN_DEFINES_H
#include <linux/io.h>
#include <linux/dma-mapping.h>

/* Inside the include guard, whose own condition is unknown, these still count for the guarded lines. */
#if BITS_PER_LONG == 64
#define USE_QWORD_IO 1
#endif

#if BITS_PER_LONG == 32
#define USE_DWORD_IO 1
#endif

struct tx_desc { __le64 addr; __le32 len; __le32 cmd; };

struct txq {
	struct tx_desc *ring;
	dma_addr_t ring_dma;
	void __iomem *db;
	unsigned int prod;
};

static int txq_alloc(struct device *dev, struct txq *q, void __iomem *bar)
{
	q->ring = dma_alloc_coherent(dev, 4096, &q->ring_dma, GFP_KERNEL);
	q->db = bar + 0x800;
	return q->ring ? 0 : -ENOMEM;
}

/* Clean: the file defines one_mode just before, so the #elif is never compiled. */
static void post_one_mode(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#define one_mode
#if defined(one_mode)
	wmb();
	__raw_writel(q->prod, q->db);
#elif defined(two_mode)
	__raw_writel(q->prod, q->db);
#endif
}

/* Bad: the look-alike tests a name the file never defines, so its #elif may be compiled. */
static void post_other_mode(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#define three_mode
#if defined(four_mode)
	wmb();
	__raw_writel(q->prod, q->db);
#elif defined(three_mode)
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
#endif
}

/* Clean: USE_QWORD_IO is defined on every 64-bit target, so the #else is never compiled. */
static void post_qword(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifdef USE_QWORD_IO
	wmb();
	__raw_writeq(q->prod, q->db);
#else
	__raw_writel(q->prod, q->db);
#endif
}

/* Bad: USE_DWORD_IO is defined by the file only on 32-bit builds; on ours it may still come from elsewhere. */
static void post_dword(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifdef USE_DWORD_IO
	wmb();
	__raw_writeq(q->prod, q->db);
#else
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
#endif
}

/* Clean after #undef: the name is known undefined, so its #ifdef branch is dead. */
#undef USE_QWORD_IO
static void post_undone(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	wmb();
#ifdef USE_QWORD_IO
	q->ring[q->prod].len = 0;
#endif
	__raw_writel(q->prod, q->db);
}
#endif
