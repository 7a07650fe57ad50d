/* Fast path: a ring entry in coherent memory, then the engine's doorbell or a register. */
#include "hwc.h"

/* Clean: db_base is the write-combining doorbell BAR (copied through hwc_engine_setup()'s parameter); on x86_64
 * writel() to it does not order the ring store, the wmb() does. */
void hwc_post(struct hwc_engine *eng, u32 val)
{
	eng->ring[eng->prod & 63] = val;
	wmb();
	HWC_DOORBELL(eng, 8, eng->prod);
}

/* Clean: db_copy is the same write-combining BAR, copied member to member (directly, and through a local). */
void hwc_post_copy(struct hwc_engine *eng, u32 val)
{
	eng->ring[eng->prod & 63] = val;
	wmb();
	writel(eng->prod, eng->db_copy + 8);
}

/* Hint: regs is the uncached register BAR, copied the same way; writel() already orders the ring store. */
void hwc_kick(struct hwc_engine *eng, u32 val)
{
	eng->ring[eng->prod & 63] = val;
	wmb(); // expect: redundant-barrier (arm64, powerpc64, riscv64, x86_64)
	HWC_REG_WR(eng, 0x10, eng->prod);
}
