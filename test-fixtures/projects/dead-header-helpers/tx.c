/* The TX path (fixture-rules as in main.c): names nic_kick in an ops table. */
#include "io.h"

struct nic_ops { void (*kick)(struct nic *n); };

const struct nic_ops nic_tx_ops = {
	.kick = nic_kick,
};
