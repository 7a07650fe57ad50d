// Which calls are inlined for the helper's stores through a pointer parameter (device-arguments.ts): a call passing
// device memory there is; a call passing the address of a member (`&q->win`) passes the struct holding the member,
// whatever the member's value points to, and a store through `*p` or `*(volatile u32 *)p` does not move `p`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IoSummaries } from '../../src/analysis/flow';
import { newProject } from '../helpers/project';

const SOURCE = `
#include <sys/mman.h>
struct dev { unsigned char *bar; };
struct sq { unsigned char *win; unsigned int *slot; };

static void map_bar(struct dev *d)
{
	int fd = open("/sys/bus/pci/devices/0000:01:00.0/resource0", 2);

	d->bar = mmap(0, 4096, 3, 1, fd, 0);
}

static void db_write(void *reg, unsigned int v)
{
	*(volatile unsigned int *)reg = v;
}

static void pick_window(struct dev *d, unsigned long offset, unsigned char **win)
{
	*win = d->bar + offset;
}

static void caller(struct dev *d, struct sq *q)
{
	db_write(d->bar + 0x40, 1);
	pick_window(d, 64, &q->win);
}
`;

test('a volatile store through a parameter is a store through it; &q->win passes q, not the BAR q->win points into', async () => {
  const project = await newProject();
  const file = '/virtual/user-bar.c';
  project.setFile(file, SOURCE);
  const fns = project.index.get(file)!.functions;
  const fn = (name: string) => fns.find((f) => f.name === name)!;
  const io = new IoSummaries(project.index);
  assert.deepEqual([...io.deviceArgs.paramUse(fn('db_write')).stores], [0], '`*(volatile u32 *)reg = v` stores through reg');
  assert.deepEqual([...io.deviceArgs.paramUse(fn('pick_window')).stores], [2], '`*win = ...` stores through win');
  const calls = project.index.bodyOf(fn('caller')).cfg.nodes.flatMap(({ event: e }) => (e?.kind === 'call' ? [e] : []));
  const passes = (callee: string) => io.deviceArgs.passesDeviceMemory(fn(callee), calls.find((c) => c.callee === callee)!.args, { fn: fn('caller'), depth: 0 });
  assert.equal(passes('db_write'), true, 'the BAR itself is passed');
  assert.equal(passes('pick_window'), false, '&q->win points into *q, host memory');
});
