// SPDX-License-Identifier: GPL-2.0
/* The device-tree half of dtmixed (see dtmixed_ring.c). */
#include <linux/platform_device.h>
#include <linux/of.h>

static int dtmixed_probe(struct platform_device *pdev)
{
	return 0;
}

static const struct of_device_id dtmixed_of_match[] = {
	{ .compatible = "dtvend,dtnic" },
	{ }
};
MODULE_DEVICE_TABLE(of, dtmixed_of_match);

static struct platform_driver dtmixed_driver = {
	.probe = dtmixed_probe,
	.driver = { .name = "dtmixed", .of_match_table = dtmixed_of_match },
};
module_platform_driver(dtmixed_driver);
