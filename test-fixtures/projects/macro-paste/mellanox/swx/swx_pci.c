/* A switch driver writes registers through a macro that pastes its register argument into a name
 * (mlxsw's `mlxsw_pci_write32(p, DOORBELL(...), v)` with `MLXSW_PCI_ ## reg`): `DOORBELL(...)` is never called, and
 * another driver's DOORBELL() macro (qlg/qlg.h, a writel()) is not the one this file sees.
 * fixture-rules: redundant-barrier, missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

struct swx_ops { u32 (*val)(void *); };
struct swx_pci { void __iomem *hw_addr; u32 *ring; dma_addr_t ring_dma; struct swx_ops **ops; int prod; int db_off; };

#define SWX_PCI_DOORBELL(off, n) ((off) + (n) * 4)
#define SWX_PCI_CTRL 0x100
#define SWX_RING_SLOT(p) ((p)->prod & 63)
#define swx_write32(p, reg, val) iowrite32be(val, (p)->hw_addr + (SWX_PCI_ ## reg))

int swx_probe(struct swx_pci *p, struct device *dev, phys_addr_t bar)
{
	p->ring = dma_alloc_coherent(dev, 4096, &p->ring_dma, GFP_KERNEL);
	p->hw_addr = ioremap(bar, 4096);
	return 0;
}

static void swx_doorbell_set(struct swx_pci *p, int n, u16 val)
{
	swx_write32(p, DOORBELL(p->db_off, n), val);
}

/* Hint: the doorbell is an iowrite32be(), whatever the pasted DOORBELL(...) names. */
void swx_ring(struct swx_pci *p, int n)
{
	p->ring[SWX_RING_SLOT(p)] = 1;
	wmb(); // expect: redundant-barrier (x86_64, arm64, powerpc64, riscv64)
	swx_doorbell_set(p, n, p->prod);
}

/* Hint: a macro that only computes the offset is no opaque call between the barrier and the write. */
void swx_ctrl(struct swx_pci *p, int n)
{
	p->ring[0] = 1;
	wmb(); // expect: redundant-barrier (x86_64, arm64, powerpc64, riscv64)
	iowrite32be(1, p->hw_addr + SWX_PCI_DOORBELL(0x200, n));
}

/* Clean: a macro this file cannot see is an opaque call (it might write anything). */
void swx_unknown(struct swx_pci *p, int n)
{
	p->ring[0] = 1;
	wmb();
	iowrite32be(1, p->hw_addr + UNSEEN_OFFSET(0x200, n));
}

/* Clean: RING_KICK() comes from a header this file includes but the analysis does not have (an opaque call); the
 * only RING_KICK() analysed is another driver's (qlg.h), which this file cannot see. */
void swx_kick(struct swx_pci *p)
{
	p->ring[0] = 1;
	wmb();
	RING_KICK(p->hw_addr);
}

/* Bug: a call through a pointer written in another call's argument is made (nothing pastes it), and a callee written
 * `(*p->ops)->val` is compared as text, not as a pattern. */
void swx_notify(struct swx_pci *p)
{
	p->ring[0] = 1;
	swx_log((*p->ops)->val(p));
	writel_relaxed(2, p->hw_addr); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}
