/* The member's mapping comes through the subdirectory's writer: the plain store through it is an I/O access. */
#include "nic.h"

int nic_probe(struct nic *n, phys_addr_t bar)
{
	void __iomem *regs = ioremap(bar, 4096);

	if (!regs)
		return -ENOMEM;
	nic_set_db(n, regs);
	return 0;
}

void nic_clear(struct nic *n)
{
	wmb(); /* I/O vocabulary: this function is analysed */
	memset(n->db, 0, 64); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
}
