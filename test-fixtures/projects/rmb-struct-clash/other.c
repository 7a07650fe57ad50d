/* The other driver's `struct netdev_private`: `cur_rx` is a ring index here. */
#include <linux/netdevice.h>

struct netdev_private { unsigned int cur_rx; unsigned int dirty_rx; };

static unsigned int other_pending(struct netdev_private *np)
{
	return np->cur_rx - np->dirty_rx;
}
