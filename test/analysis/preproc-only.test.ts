// Preprocessor-only files parsed without their plain #define lines give exactly the facts of the whole parse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeIncrementally, analyzeText } from '../../src/analysis/analyze-text';
import { initParser } from '../../src/analysis/parser';
import { dropPlainDefines } from '../../src/analysis/preproc-only';
import { DIST } from '../helpers/project';

const REGISTERS = `/* copyright
#define IN_COMMENT 0x1 (a comment, not a define)
 */
#ifndef REGS_H
#define REGS_H
#include "local.h"
#include <linux/io.h>
// block: dma
#define mmDMA_CNTL                       0x0010
#define mmDMA_CNTL_BASE_IDX              0
#define DUP 1
#if defined(CONFIG_X)
#  define BAR_IDX (2)
#else
#define BAR_IDX 3UL
#endif
#define WITH_COMMENT 0x20 /* trailing */
#define CONTINUED \\
	0x30
#define EXPR (mmDMA_CNTL | 4)
#define EMPTY
#define DUP 0x2
#define REG_WRITE(r, v) writel((v), base + (r))
#define REG_FIELD(x) ((x) & 0xf)
#endif
`;

async function both(text: string): Promise<[string, string]> {
  const parser = await initParser(DIST);
  const whole = analyzeIncrementally(parser, 'regs.h', text, undefined, true);
  whole.kept?.tree.delete();
  return [JSON.stringify(whole.facts), JSON.stringify(analyzeText(parser, 'regs.h', text))];
}

test('a register header takes the fast path and keeps every fact of the whole parse', async () => {
  const dropped = dropPlainDefines(REGISTERS);
  assert.ok(dropped, 'preprocessor-only');
  assert.deepEqual(dropped.defines.map((d) => `${d.row}:${d.name}=${d.value}`), ['8:mmDMA_CNTL=0x0010', '9:mmDMA_CNTL_BASE_IDX=0', '10:DUP=1', '12:BAR_IDX=2', '14:BAR_IDX=3', '21:DUP=0x2']);
  assert.equal(dropped.text.split('\n').length, REGISTERS.split('\n').length);
  const [whole, fast] = await both(REGISTERS);
  assert.equal(fast, whole);
  const facts = JSON.parse(fast);
  assert.deepEqual(Object.keys(facts.fabric.defines), ['mmDMA_CNTL', 'mmDMA_CNTL_BASE_IDX', 'DUP', 'BAR_IDX', 'WITH_COMMENT', 'CONTINUED']);
  assert.equal(facts.fabric.defines.BAR_IDX, '3');
  assert.equal(facts.fabric.defines.WITH_COMMENT, '0x20');
  assert.equal(facts.fabric.defines.IN_COMMENT, undefined);
  assert.deepEqual(facts.includes, ['local.h']);
  assert.ok(facts.functions.some((f: { name: string }) => f.name === 'REG_WRITE'), 'the I/O macro is summarised');
});

test('files with code, or whose text names pci_device_id, take the whole parse', () => {
  assert.equal(dropPlainDefines('#define A 1\nint x;\n'), undefined);
  assert.equal(dropPlainDefines('#define A 1\n#define T struct pci_device_id\n'), undefined);
  assert.equal(dropPlainDefines('#define A 1\n#define M(x) \\\n  int x;\nint y;\n'), undefined);
  assert.ok(dropPlainDefines('#define A 1\n#define M(x) \\\n  int x;\n'));
});

test('a header whose remaining directives do not parse cleanly gives the same facts', async () => {
  const text = '#define A 1\n#endif\n#define B 2\n#else\n#define C(x) writel(x, p)\n';
  const [whole, fast] = await both(text);
  assert.equal(fast, whole);
});
