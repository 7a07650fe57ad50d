/* A helper inlined with an argument the caller proves non-NULL (the address of a variable, a local array, a pointer
 * the caller dereferenced or tested on every path to the call) takes only the branches a non-NULL value allows
 * (aacraid's aac_aif_callback() passes `fibptr->hw_fib_va` after reading `fibptr->hw_fib_va->header`, so
 * aac_intr_normal() copies from it, not from the BAR). fixture-rules: iomem-plain-access */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/string.h>

struct msg { u32 hdr; u32 body[15]; };

struct ctl {
	void __iomem *bar;
	struct msg *spare;
	int ready;
};

struct req {
	struct ctl *c;
	struct msg *m;
};

static int ctl_map(struct pci_dev *pdev, struct ctl *c)
{
	c->bar = ioremap(pci_resource_start(pdev, 0), 4096);
	return c->bar ? 0 : -ENOMEM;
}

/* Copies a message from `from` when given one, else straight from the BAR (a plain memcpy from I/O memory). */
static void take_msg(struct ctl *c, u32 offset, struct msg *from, struct msg *to)
{
	c->ready = readl(c->bar);
	if (from != NULL)
		memcpy(to, from, sizeof(*to));
	else
		memcpy(to, c->bar + offset, sizeof(*to)); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
}

static void take_msg_neg(struct ctl *c, u32 offset, struct msg *from, struct msg *to)
{
	c->ready = readl(c->bar);
	if (!from)
		memcpy(to, c->bar + offset, sizeof(*to)); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	else
		memcpy(to, from, sizeof(*to));
}

/* Clean: the caller read through r->m before the call, so `from` is not NULL. */
static void on_reply(struct req *r, struct msg *to)
{
	if (r->m->hdr & 1)
		return;
	take_msg(r->c, 0, r->m, to);
	writel(1, r->c->bar + 4);
}

/* Clean: the address of a local and a local array are never NULL. */
static void on_local(struct ctl *c, struct msg *to)
{
	struct msg copy;
	struct msg many[2];

	copy.hdr = 0;
	take_msg_neg(c, 0, &copy, to);
	writel(1, c->bar + 4);
	take_msg(c, 0, many, to);
	writel(1, c->bar + 4);
}

/* Clean: the caller tested its parameter and returned when NULL. */
static void on_given(struct ctl *c, struct msg *from, struct msg *to)
{
	if (!from)
		return;
	take_msg(c, 0, from, to);
	writel(1, c->bar + 4);
}

/* Bad: NULL passed, the BAR copy runs. */
static void on_irq(struct ctl *c, u32 offset, struct msg *to)
{
	take_msg(c, offset, NULL, to); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	writel(1, c->bar + 4);
}

/* Bad: read through r->m only on one path, so it may be NULL at the call. */
static void on_maybe(struct req *r, struct msg *to, int peek)
{
	if (peek && (r->m->hdr & 1))
		return;
	take_msg(r->c, 0, r->m, to); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	writel(1, r->c->bar + 4);
}

/* Bad: r->m is read, then replaced before the call. */
static void on_swapped(struct req *r, struct msg *to)
{
	if (r->m->hdr & 1)
		return;
	r->m = r->c->spare;
	take_msg(r->c, 0, r->m, to); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	writel(1, r->c->bar + 4);
}

/* Bad: the address of a member of a pointer that may be NULL is not proven non-NULL here (offset 0). */
static void on_member(struct req *r, struct msg *to)
{
	take_msg_neg(r->c, 0, r->m ? r->m : NULL, to); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	writel(1, r->c->bar + 4);
}

/* Bad: the test that returns is on another parameter. */
static void on_other(struct ctl *c, struct msg *from, struct msg *to)
{
	if (!to)
		return;
	take_msg(c, 0, from, to); // expect: iomem-plain-access (arm64, powerpc64, riscv64, x86_64)
	writel(1, c->bar + 4);
}

