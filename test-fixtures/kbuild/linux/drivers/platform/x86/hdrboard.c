// SPDX-License-Identifier: GPL-2.0
/* x86 platform driver (drivers/platform/x86 is built only for X86): registers the NICs of hdrnic.c and hdranynic.c by name. */
#include <linux/platform_device.h>
#include <linux/platform_data/hdrnic.h>
#include <linux/platform_data/hdranynic.h>

static int __init hdrboard_init(void)
{
	platform_device_register_simple(HDRNIC_DRIVER_NAME, -1, NULL, 0);
	platform_device_register_simple(HDRANYNIC_DRIVER_NAME, -1, NULL, 0);
	return 0;
}
