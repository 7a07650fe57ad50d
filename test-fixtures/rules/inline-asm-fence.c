/* Inline-asm fences count as the kernel barrier made of the same instruction (hfi1/qib flush_wc(), hfi.h:2176-2179).
 * fixture-rules: all */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/spinlock.h>

struct rcv_array {
	void __iomem *wc;	/* eager RcvArray, mapped write-combining */
	spinlock_t lock;
};

static inline void flush_wc(void)
{
	asm volatile("sfence" : : : "memory");
}

static inline void cpu_relax_nop(void)
{
	asm volatile("nop");
}

static int rcv_array_map(struct pci_dev *pdev, struct rcv_array *r)
{
	r->wc = ioremap_wc(pci_resource_start(pdev, 0), 4096); // expect: mapping-unsupported-on-arch (riscv64)
	return r->wc ? 0 : -ENOMEM;
}

/* Clean: the WC store is drained by the sfence helper before the lock is released. */
static void rcv_array_write_flushed(struct rcv_array *r, u64 v)
{
	spin_lock(&r->lock);
	__raw_writeq(v, r->wc + 8);
	flush_wc();
	spin_unlock(&r->lock);
}

/* Look-alike: an asm statement that is no fence orders nothing. */
static void rcv_array_write_nop(struct rcv_array *r, u64 v)
{
	spin_lock(&r->lock);
	__raw_writeq(v, r->wc + 8);
	cpu_relax_nop();
	spin_unlock(&r->lock); // expect: missing-wc-flush (powerpc64, x86_64); mmio-unordered-with-unlock (riscv64)
}
