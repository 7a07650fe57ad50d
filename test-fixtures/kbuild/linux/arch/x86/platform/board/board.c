// SPDX-License-Identifier: GPL-2.0
/* x86 platform code: registers the NIC of drivers/net/ethernet/boardvend/x86boardnic.c by name. */
#include <linux/platform_device.h>

static struct platform_device board_nic = { .name = "x86-board-nic", .id = -1 };
