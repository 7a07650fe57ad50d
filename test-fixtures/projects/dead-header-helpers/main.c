/* A header's static helpers that no file including the header uses are never compiled: findings inside them are not
 * reported (sfc/io.h's efx_writeo(), whose only caller, siena.c, includes siena/io.h). Helpers some includer calls,
 * directly, through a macro, another helper or a table, stay reported, and so does a header no analysed file includes.
 * fixture-rules: mmio-unordered-with-unlock */
#include "io.h"

int nic_probe(struct nic *n, phys_addr_t bar)
{
	n->membase = ioremap(bar, 65536);
	return 0;
}

void nic_set_moderation(struct nic *n, u32 usecs)
{
	nic_writed_locked(n, usecs, 0x20);
}

void nic_reset_sram(struct nic *n)
{
	nic_sram_clear(n, 0x1000);
}

void nic_wake(struct nic *n)
{
	nic_poke_alias(n, 1);
}
