// SPDX-License-Identifier: GPL-2.0
/* The probe half of dtsplit (see dtsplit_ring.c): bound only through device tree. */
#include <linux/platform_device.h>
#include <linux/of.h>

static int dtsplit_probe(struct platform_device *pdev)
{
	return 0;
}

static const struct of_device_id dtsplit_of_match[] = {
	{ .compatible = "dtvend,dtnic" },
	{ }
};
MODULE_DEVICE_TABLE(of, dtsplit_of_match);

static struct platform_driver dtsplit_driver = {
	.probe = dtsplit_probe,
	.driver = { .name = "dtsplit", .of_match_table = dtsplit_of_match },
};
module_platform_driver(dtsplit_driver);
