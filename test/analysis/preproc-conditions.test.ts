// `#if` conditions on the four 64-bit targets (src/analysis/preproc-conditions.ts): blanking and architecture regions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateCondition, scanConditionals } from '../../src/analysis/preproc-conditions';
import { KBUILD_ARCHES } from '../../src/analysis/kbuild';

/** [condition, value on x86_64/arm64/powerpc64/riscv64 as "t", "f" or "?" each] */
const CASES: [string, string][] = [
  ['BITS_PER_LONG == 32', 'ffff'],
  ['BITS_PER_LONG != 64', 'ffff'],
  ['BITS_PER_LONG == 64', 'tttt'],
  ['__BITS_PER_LONG == 64', 'tttt'],
  ['defined(CONFIG_64BIT)', 'tttt'],
  ['!defined CONFIG_64BIT', 'ffff'],
  ['IS_ENABLED(CONFIG_64BIT)', 'tttt'],
  ['CONFIG_32BIT', 'ffff'],
  ['defined(CONFIG_X86_32) || defined(CONFIG_PPC32) || defined(CONFIG_ARM) || defined(__i386__)', 'ffff'],
  ['defined(CONFIG_PHYS_ADDR_T_64BIT) && IS_ENABLED(CONFIG_ARCH_DMA_ADDR_T_64BIT)', 'tttt'],
  ['defined(CONFIG_X86)', 'tfff'],
  ['defined(CONFIG_ARM64)', 'ftff'],
  ['defined(CONFIG_ARM)', 'ffff'], // 32-bit arm, not arm64
  ['defined(__powerpc64__) || defined(CONFIG_RISCV)', 'fftt'],
  ['defined(CONFIG_PPC_BOOK3S_64)', 'ff?f'], // BOOK3S_64 or BOOK3E_64 is a choice
  ['!defined(CONFIG_X86_64) && !defined(__aarch64__)', 'fftt'],
  ['defined(CONFIG_FOO)', '????'],
  ['defined(CONFIG_X86) && defined(CONFIG_FOO)', '?fff'],
  ['defined(CONFIG_X86) || defined(CONFIG_FOO)', 't???'],
  ['BITS_PER_LONG == FOO_BITS', '????'],
  ['LINUX_VERSION_CODE >= KERNEL_VERSION(5, 0, 0)', '????'],
  ['__BIG_ENDIAN', '????'], // endianness is not modelled here
];

for (const [cond, want] of CASES) {
  test(`#if ${cond}`, () => {
    const got = KBUILD_ARCHES.map((a) => { const v = evaluateCondition(cond, a); return v === undefined ? '?' : v ? 't' : 'f'; }).join('');
    assert.equal(got, want);
  });
}

test('a 32-bit-only branch is blanked and the chain loses its directives; positions stay', () => {
  const text = 'a;\n#if BITS_PER_LONG == 32\nlocked();\n#else\nplain();\n#endif\nb;\n';
  const { text: out, regions } = scanConditionals(text);
  assert.equal(out.length, text.length);
  assert.deepEqual(out.split('\n').map((l) => l.trim()), ['a;', '', '', '', 'plain();', '', 'b;', '']);
  assert.deepEqual(regions, []);
});

test('architecture regions, nested and complemented; unknown conditions keep their directives', () => {
  const text = [
    '#ifdef CONFIG_X86', 'x();', '#ifdef CONFIG_FOO', 'xf();', '#endif', '#else', 'other();', '#endif',
    '#ifdef CONFIG_FOO', 'foo();', '#endif',
  ].join('\n');
  const { text: out, regions } = scanConditionals(text);
  assert.equal(out, text);
  assert.deepEqual(regions, [
    { start: 1, end: 3, arches: ['x86_64'] },
    { start: 6, end: 6, arches: ['arm64', 'powerpc64', 'riscv64'] },
  ]);
});

test("a file's own #define of a known macro makes it unknown there", () => {
  const text = '#define BITS_PER_LONG 32\n#if BITS_PER_LONG == 32\nx();\n#endif\n';
  assert.equal(scanConditionals(text).text, text);
});

test('multi-line conditions with comments', () => {
  const text = '#if defined(CONFIG_X86_32) /* i386 */ || \\\n    defined(CONFIG_ARM)\nx();\n#endif\ny();\n';
  assert.equal(scanConditionals(text).text.trim(), 'y();');
});

test('a collapsed directive keeps the comment it opens, so a comment ending on a later line stays closed', () => {
  const text = '#if BITS_PER_LONG == 64 /* 64-bit:\n   one store */\nwriteq(v, p);\n#endif\n';
  const out = scanConditionals(text).text;
  assert.equal(out.length, text.length);
  assert.equal(out.split('\n')[0].trim(), '/* 64-bit:');
  assert.equal(out.split('\n')[3].trim(), '');
});
