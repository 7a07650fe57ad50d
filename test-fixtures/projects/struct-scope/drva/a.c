/* Two unrelated drivers each define their own `struct priv`: provenance written in one must not reach the other.
 * fixture-rules: iomem-plain-access, wc-read */
#include <linux/io.h>

struct priv { u32 __iomem *regs; };

int a_probe(struct priv *p, phys_addr_t bar)
{
	p->regs = ioremap(bar, 4096);
	return 0;
}

/* Bug in this driver: a plain store through its own ioremap pointer. */
void a_kick(struct priv *p)
{
	p->regs[0] = 1; // expect: iomem-plain-access (powerpc64)
}
