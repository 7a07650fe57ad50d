/* No I/O vocabulary here: this writer waits as text until the member is read, in another directory than the struct's. */
#include "../nic.h"

void nic_set_db(struct nic *n, void __iomem *regs)
{
	n->db = regs + 0x40;
}
