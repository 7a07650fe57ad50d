/* Code only some of the four 64-bit targets compile (src/analysis/preproc-conditions.ts): a 32-bit-only branch is
 * never analysed (bnxt.h:2263-2268 keeps its locked doorbell under `#if BITS_PER_LONG == 32`), and a finding inside
 * an architecture-only region names only the architectures compiling it, and a path through such a region exists only
 * on those (a barrier compiled for arm64 alone orders nothing elsewhere). C `if`s on Kconfig symbols count the same
 * way (`IS_ENABLED(CONFIG_MIPS)` is false on all four). Unknown conditions change nothing.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

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

/* Clean: the unordered doorbell is compiled by 32-bit builds only. */
static void post_word_size(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#if BITS_PER_LONG == 32
	__raw_writel(q->prod, q->db);
#else
	wmb();
	__raw_writel(q->prod, q->db);
#endif
}

/* Bad: the same shape with the unordered doorbell in the branch 64-bit builds compile. */
static void post_word_size_else(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#if BITS_PER_LONG == 32
	wmb();
	__raw_writel(q->prod, q->db);
#else
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
#endif
}

/* Clean: other spellings of "32-bit only", and an #elif chain whose 64-bit branch is always taken. */
static void post_spellings(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifndef CONFIG_64BIT
	__raw_writel(q->prod, q->db);
#endif
#if defined(CONFIG_X86_32) || (defined(CONFIG_ARM) && !IS_ENABLED(CONFIG_ARCH_DMA_ADDR_T_64BIT))
	__raw_writel(q->prod, q->db);
#elif __BITS_PER_LONG == 64 && defined(CONFIG_PHYS_ADDR_T_64BIT)
	wmb();
#else
	__raw_writel(q->prod, q->db);
#endif
	__raw_writel(q->prod, q->db);
}

/* Bad on arm64 only: the region is compiled there alone. */
static void post_arm64(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifdef CONFIG_ARM64
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64)
#else
	wmb();
#endif
}

/* Bad everywhere but x86_64: `#ifndef CONFIG_X86`. */
static void post_not_x86(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifndef CONFIG_X86
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
#endif
}

/* An `||` of architecture names, and the complement in the #else. */
static void post_either(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#if defined(__aarch64__) || defined(CONFIG_RISCV)
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, riscv64)
#else
	__raw_writel(q->prod, q->db + 4); // expect: missing-wmb-before-doorbell (powerpc64, x86_64)
#endif
}

/* Unknown conditions: both branches stay, with all four architectures. */
static void post_unknown(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifdef CONFIG_FOO
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
#endif
#if BITS_PER_LONG == FOO_BITS
	__raw_writel(q->prod, q->db + 4); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64, x86_64)
#endif
}

/* A known name and an unknown one: compiled at most where the known one holds. */
static void post_x86_maybe(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#if defined(CONFIG_X86) && defined(CONFIG_FOO)
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64)
#endif
}

#ifdef CONFIG_PPC_BOOK3S_64
/* A whole function in a region: its findings (and messages) name only powerpc64. */
static void post_book3s(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (powerpc64)
}
#endif

/* Bad except on arm64: the barrier is compiled there alone, so only the other targets' paths skip it. */
static void post_barrier_arm64(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifdef CONFIG_ARM64
	wmb();
#endif
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (powerpc64, riscv64, x86_64)
}

/* Bad on powerpc64 and riscv64 only: an #elif chain whose x86_64 and arm64 branches order the doorbell. */
static void post_elif_chain(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#if defined(CONFIG_X86)
	wmb();
#elif defined(CONFIG_ARM64)
	mb();
#else
	q->prod++;
#endif
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (powerpc64, riscv64)
}

/* Clean: a store only x86_64 compiles, then a doorbell only arm64 compiles; no target has both. */
static void post_split_regions(struct txq *q, u64 dma)
{
#ifdef CONFIG_X86
	q->ring[q->prod].addr = cpu_to_le64(dma);
#endif
#ifdef CONFIG_ARM64
	__raw_writel(q->prod, q->db);
#endif
}

/*
 * Kconfig tests in C code: Broadcom's byte-order accessors take __raw_writel() only on big-endian MIPS
 * (bcmgenet.c:69-77), which none of the four targets is, so their ordered branch is the one compiled.
 */
static inline void txq_writel(u32 value, void __iomem *offset)
{
	if (IS_ENABLED(CONFIG_MIPS) && IS_ENABLED(CONFIG_CPU_BIG_ENDIAN))
		__raw_writel(value, offset);
	else
		writel(value, offset);
}

/* Clean: txq_writel() is writel() on every target. */
static void post_mips_accessor(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	txq_writel(q->prod, q->db);
}

/* Clean: `IS_ENABLED(CONFIG_64BIT)` holds on all four, so the barrier is always there; `IS_REACHABLE` and
 * `BITS_PER_LONG == 64` likewise. */
static void post_if_64bit(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	if (IS_ENABLED(CONFIG_64BIT))
		wmb();
	__raw_writel(q->prod, q->db);
	q->ring[q->prod].len = 0;
	if (!IS_REACHABLE(CONFIG_X86_32))
		dma_wmb();
	__raw_writel(q->prod, q->db);
	q->ring[q->prod].cmd = 0;
	if (q->prod > 4 || BITS_PER_LONG == 64)
		wmb();
	__raw_writel(q->prod, q->db);
}

/* Bad on the targets whose branch skips the barrier: an `if` decided per target is a branch those targets alone take. */
static void post_if_arch(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	if (IS_ENABLED(CONFIG_ARM64) || IS_ENABLED(CONFIG_X86))
		wmb();
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (powerpc64, riscv64)
}

/*
 * Unknown Kconfig symbols leave both branches to every target (x86_64 is not named: the barrier on one path keeps the
 * compiler from sinking the store past the doorbell, as for any condition).
 */
static void post_if_unknown(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	if (IS_ENABLED(CONFIG_TXQ_FENCED))
		wmb();
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64, riscv64)
}

/* Byte order is a choice on arm64 and powerpc64 only: x86_64 and riscv64 never build CONFIG_CPU_BIG_ENDIAN code. */
static void post_big_endian(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
#ifdef CONFIG_CPU_BIG_ENDIAN
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (arm64, powerpc64)
#else
	wmb();
	__raw_writel(q->prod, q->db);
#endif
	q->ring[q->prod].len = 0;
	if (!IS_ENABLED(CONFIG_CPU_BIG_ENDIAN))
		wmb();
	__raw_writel(q->prod, q->db + 4); // expect: missing-wmb-before-doorbell (arm64, powerpc64)
}

/*
 * The ordered start is the trigger on every path except one only x86_64 compiles, so the earlier raw write is reported
 * there alone (the compiler may sink the store past it); on the other targets every path reaches writel().
 */
static void post_then_start(struct txq *q, u64 dma)
{
	q->ring[q->prod].addr = cpu_to_le64(dma);
	__raw_writel(q->prod, q->db); // expect: missing-wmb-before-doorbell (x86_64)
#ifdef CONFIG_X86
	if (q->prod == 7)
		return;
#endif
	writel(1, q->db + 8);
}
