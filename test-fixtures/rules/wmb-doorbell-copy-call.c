/* missing-wmb-before-doorbell: on x86_64 a memcpy()/memset() whose size is known only at run time is a call of the
 * out-of-line function, so its stores are done, in order (TSO), when it returns; one of a constant size is expanded
 * inline into moves the compiler may sink below a port write.
 * fixture-rules: missing-wmb-before-doorbell */
#include <linux/io.h>
#include <linux/dma-mapping.h>

#define RID_WORDS 16

struct rid_cmd { __le16 op; __le16 len; __le32 data[RID_WORDS]; };

struct card {
	struct rid_cmd *rid;
	dma_addr_t rid_dma;
	unsigned long port;
	void __iomem *regs;
	u32 rid_len;
};

static int card_setup(struct device *dev, struct card *c, void __iomem *bar)
{
	c->rid = dma_alloc_coherent(dev, 4096, &c->rid_dma, GFP_KERNEL);
	c->regs = bar;
	return c->rid ? 0 : -ENOMEM;
}

/* The length is a parameter: an out-of-line memcpy() call on x86_64; outw() is ordered on the others. */
static void card_write_rid(struct card *c, const void *buf, size_t len)
{
	memcpy(c->rid, buf, len);
	outw(0x21, c->port);
}

/* The length is a member: the same. */
static void card_clear_rid(struct card *c)
{
	memset(c->rid, 0, c->rid_len);
	outw(0x22, c->port);
}

/* Look-alike: a constant size, expanded inline; its stores may sink below the port write on x86_64. */
static void card_write_fixed(struct card *c, const struct rid_cmd *cmd)
{
	memcpy(c->rid, cmd, sizeof(*cmd));
	outw(0x21, c->port); // expect: missing-wmb-before-doorbell (x86_64)
}

/* Look-alike: an UPPER_CASE macro and sizeof make a constant too. */
static void card_clear_fixed(struct card *c)
{
	memset(c->rid, 0, RID_WORDS * sizeof(__le32));
	outw(0x22, c->port); // expect: missing-wmb-before-doorbell (x86_64)
}

/* Look-alike: a plain store after the out-of-line copy is still pending at the port write. */
static void card_write_then_len(struct card *c, const void *buf, size_t len)
{
	memcpy(c->rid->data, buf, len);
	c->rid->len = cpu_to_le16(len);
	outw(0x21, c->port); // expect: missing-wmb-before-doorbell (x86_64)
}

/* Look-alike: on arm64 and riscv64 the call orders nothing; a relaxed doorbell there still needs wmb(). */
static void card_write_relaxed(struct card *c, const void *buf, size_t len)
{
	memcpy(c->rid, buf, len);
	writel_relaxed(1, c->regs + 0x10); // expect: missing-wmb-before-doorbell (arm64, riscv64)
}

struct scb_cmd { u8 cdb[16]; };
struct scb { __le32 sg_len; __le32 xferlen; u8 cdb_len; u8 cdb[16]; };

/*
 * Stores, then a run-time-sized memcpy() whose source is reached through a pointer member: the out-of-line call may
 * read what the stores wrote, so on x86_64 they are in memory before it, and the port write comes after it.
 */
static void card_exec_scb(struct card *c, struct scb_cmd *cmd, u8 len)
{
	struct scb *s = (struct scb *)c->rid;

	s->sg_len = cpu_to_le32(8);
	s->xferlen = cpu_to_le32(512);
	s->cdb_len = len;
	memcpy(s->cdb, cmd->cdb, s->cdb_len);
	outb(1, c->port);
}

/* Look-alike: the source is a local copy, which the compiler knows is none of the stored fields: they may sink below. */
static void card_exec_scb_local(struct card *c, u8 len)
{
	struct scb *s = (struct scb *)c->rid;
	struct scb_cmd local = { .cdb = { 0x12 } };

	s->sg_len = cpu_to_le32(8);
	memcpy(s->cdb, local.cdb, len);
	outb(1, c->port); // expect: missing-wmb-before-doorbell (x86_64)
}

/* Look-alike: a constant-size copy through a pointer member is expanded inline: no call, the stores may sink. */
static void card_exec_scb_fixed(struct card *c, struct scb_cmd *cmd)
{
	struct scb *s = (struct scb *)c->rid;

	s->sg_len = cpu_to_le32(8);
	memcpy(s->cdb, cmd->cdb, sizeof(s->cdb));
	outb(1, c->port); // expect: missing-wmb-before-doorbell (x86_64)
}
