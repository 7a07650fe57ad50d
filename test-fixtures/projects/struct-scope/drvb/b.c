/* Another driver's struct priv: regs is ordinary memory here (fixture-rules as in drva/a.c). */
#include <linux/slab.h>

struct priv { u32 *regs; };

int b_probe(struct priv *p)
{
	p->regs = kzalloc(64, GFP_KERNEL);
	return 0;
}

/* Clean: not an I/O mapping in this driver, whatever drva/ keeps in its own struct priv. */
void b_kick(struct priv *p)
{
	p->regs[0] = 1;
}
