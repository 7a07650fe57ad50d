/* The old chip's own copy of the register helpers (fixture-rules as in main.c). */
#include "../nic.h"

/* Live: old.c calls it (its `#include "io.h"` is this file, the nearest). */
static inline void nic_writeo(struct nic *n, u64 lo, u64 hi, unsigned int reg)
{
	spin_lock(&n->biu_lock);
	__raw_writeq(lo, n->membase + reg);
	__raw_writeq(hi, n->membase + reg + 8);
	spin_unlock(&n->biu_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}
