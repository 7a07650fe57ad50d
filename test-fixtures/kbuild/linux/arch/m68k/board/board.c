// SPDX-License-Identifier: GPL-2.0
/* m68k board file: registers the NIC of drivers/net/ethernet/boardvend/m68knic.c by name. */
#include <linux/platform_device.h>

static int __init board_init(void)
{
	platform_device_register_simple("m68k-board-nic", -1, NULL, 0);
	return 0;
}
