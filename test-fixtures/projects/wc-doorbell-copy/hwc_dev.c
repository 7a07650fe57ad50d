/* Engine setup: the windows are split between the engines; each engine keeps its own pointers. */
#include "hwc.h"

static int hwc_engine_setup(struct hwc_engine *eng, void __iomem *regs, void __iomem *db)
{
	eng->regs = regs;
	eng->db_base = db;
	if (readl(eng->regs) == 0xffffffff)
		return -ENODEV;
	return 0;
}

int hwc_prepare(struct hwc_dev *cdev)
{
	struct hwc_engine *first = &cdev->engines[0];
	void __iomem *regs, *db;
	u32 half;
	int rc;

	rc = hwc_engine_setup(first, cdev->regview, cdev->doorbells);
	if (rc)
		return rc;
	first->db_copy = cdev->doorbells;
	if (cdev->num_engines < 2)
		return 0;
	half = readl(first->regs + 0x40) / 2;
	regs = cdev->regview + half;
	db = cdev->doorbells + half;
	cdev->engines[1].db_copy = db;
	return hwc_engine_setup(&cdev->engines[1], regs, db);
}
