// SPDX-License-Identifier: GPL-2.0
/* Built on every architecture: registers the NIC of hdranynic.c by name too. */
#include <linux/platform_device.h>
#include <linux/platform_data/hdranynic.h>

static int __init anyboard_init(void)
{
	platform_device_register_simple(HDRANYNIC_DRIVER_NAME, -1, NULL, 0);
	return 0;
}
