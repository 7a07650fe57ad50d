/* A helper inlined with an argument the caller proves non-NULL (the address of a variable, a local array, a pointer
 * the caller dereferenced or tested on every path to the call) takes only the branches a non-NULL value allows
 * (aacraid's aac_aif_callback() passes `fibptr->hw_fib_va` after reading `fibptr->hw_fib_va->header`, so
 * aac_intr_normal() copies from it, not from the BAR). Observed through a rule that depends on the caller: the
 * helper's BAR branch answers with a `__raw_writel()` the unlock after the call does not order on powerpc64 and
 * riscv64; the helper alone holds no lock. fixture-rules: mmio-unordered-with-unlock */
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct msg { u32 hdr; u32 body[15]; };

static DEFINE_SPINLOCK(ctl_lock);

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

/* Copies a message from `from` when given one, else from the BAR, answering the device with an untracked write. */
static void take_msg(struct ctl *c, u32 offset, struct msg *from, struct msg *to)
{
	c->ready = readl(c->bar);
	if (from != NULL) {
		memcpy(to, from, sizeof(*to));
	} else {
		memcpy_fromio(to, c->bar + offset, sizeof(*to));
		__raw_writel(1, c->bar + 8);
	}
}

static void take_msg_neg(struct ctl *c, u32 offset, struct msg *from, struct msg *to)
{
	c->ready = readl(c->bar);
	if (!from) {
		memcpy_fromio(to, c->bar + offset, sizeof(*to));
		__raw_writel(1, c->bar + 8);
	} else {
		memcpy(to, from, sizeof(*to));
	}
}

/* Clean: the caller read through r->m before the call, so `from` is not NULL. */
static void on_reply(struct req *r, struct msg *to)
{
	if (r->m->hdr & 1)
		return;
	spin_lock(&ctl_lock);
	take_msg(r->c, 0, r->m, to);
	spin_unlock(&ctl_lock);
}

/* Clean: the address of a local and a local array are never NULL. */
static void on_local(struct ctl *c, struct msg *to)
{
	struct msg copy;
	struct msg many[2];

	copy.hdr = 0;
	spin_lock(&ctl_lock);
	take_msg_neg(c, 0, &copy, to);
	spin_unlock(&ctl_lock);
	spin_lock(&ctl_lock);
	take_msg(c, 0, many, to);
	spin_unlock(&ctl_lock);
}

/* Clean: the caller tested its parameter and returned when NULL. */
static void on_given(struct ctl *c, struct msg *from, struct msg *to)
{
	if (!from)
		return;
	spin_lock(&ctl_lock);
	take_msg(c, 0, from, to);
	spin_unlock(&ctl_lock);
}

/* Bad: NULL passed, the BAR copy runs. */
static void on_irq(struct ctl *c, u32 offset, struct msg *to)
{
	spin_lock(&ctl_lock);
	take_msg(c, offset, NULL, to);
	spin_unlock(&ctl_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Bad: read through r->m only on one path, so it may be NULL at the call. */
static void on_maybe(struct req *r, struct msg *to, int peek)
{
	if (peek && (r->m->hdr & 1))
		return;
	spin_lock(&ctl_lock);
	take_msg(r->c, 0, r->m, to);
	spin_unlock(&ctl_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Bad: r->m is read, then replaced before the call. */
static void on_swapped(struct req *r, struct msg *to)
{
	if (r->m->hdr & 1)
		return;
	r->m = r->c->spare;
	spin_lock(&ctl_lock);
	take_msg(r->c, 0, r->m, to);
	spin_unlock(&ctl_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Bad: the address of a member of a pointer that may be NULL is not proven non-NULL here (offset 0). */
static void on_member(struct req *r, struct msg *to)
{
	spin_lock(&ctl_lock);
	take_msg_neg(r->c, 0, r->m ? r->m : NULL, to);
	spin_unlock(&ctl_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

/* Bad: the test that returns is on another parameter. */
static void on_other(struct ctl *c, struct msg *from, struct msg *to)
{
	if (!to)
		return;
	spin_lock(&ctl_lock);
	take_msg(c, 0, from, to);
	spin_unlock(&ctl_lock); // expect: mmio-unordered-with-unlock (powerpc64, riscv64)
}

