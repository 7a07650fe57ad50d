/* The newer chips' register helpers (fixture-rules as in main.c). Several are copies of old/io.h's, which only the old
 * chip's files include and call. */
#include "nic.h"

/* Dead: no file including this header calls it (old/old.c's call reaches old/io.h). */
static inline void nic_writeo(struct nic *n, u64 lo, u64 hi, unsigned int reg)
{
	spin_lock(&n->biu_lock);
	__raw_writeq(lo, n->membase + reg);
	__raw_writeq(hi, n->membase + reg + 8);
	spin_unlock(&n->biu_lock);
}

/* Dead: only an unused macro names it. */
#define nic_writeo_table(n, lo, hi, reg, i) nic_writeo_indexed(n, lo, hi, (reg) + (i) * 16)
static inline void nic_writeo_indexed(struct nic *n, u64 lo, u64 hi, unsigned int reg)
{
	spin_lock(&n->biu_lock);
	__raw_writeq(lo, n->membase + reg);
	spin_unlock(&n->biu_lock);
}

/* Live: main.c calls it through a macro. */
static inline void _nic_writed_locked(struct nic *n, u32 v, unsigned int reg)
{
	spin_lock(&n->biu_lock);
	__raw_writel(v, n->membase + reg);
	spin_unlock(&n->biu_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
#define nic_writed_locked(n, v, reg) _nic_writed_locked(n, v, reg)

/* Live: called only by another helper that main.c calls. */
static inline void nic_sram_writeq(struct nic *n, u64 v, unsigned int reg)
{
	spin_lock(&n->biu_lock);
	__raw_writeq(v, n->membase + reg);
	spin_unlock(&n->biu_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

static inline void nic_sram_clear(struct nic *n, unsigned int reg)
{
	nic_sram_writeq(n, 0, reg);
}

/* Live: named in tx.c's ops table. */
static inline void nic_kick(struct nic *n)
{
	spin_lock(&n->biu_lock);
	__raw_writel(1, n->membase + 0x40);
	spin_unlock(&n->biu_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Live: main.c calls it under another name (an object-like define). */
static inline void nic_poke(struct nic *n, u32 v)
{
	spin_lock(&n->biu_lock);
	__raw_writel(v, n->membase + 0x44);
	spin_unlock(&n->biu_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
#define nic_poke_alias nic_poke
