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

test('names a tree says no target defines (other architectures\' Kconfig symbols) are false; without that table unknown', () => {
  const absent = new Set(['CONFIG_ATARI']);
  for (const cond of ['defined(CONFIG_ATARI)', 'IS_ENABLED(CONFIG_ATARI)', 'CONFIG_ATARI']) {
    assert.deepEqual(KBUILD_ARCHES.map((a) => evaluateCondition(cond, a, absent)), [false, false, false, false], cond);
    assert.deepEqual(KBUILD_ARCHES.map((a) => evaluateCondition(cond, a)), [undefined, undefined, undefined, undefined], cond);
  }
  assert.deepEqual(KBUILD_ARCHES.map((a) => evaluateCondition('defined(CONFIG_ATARI) || defined(CONFIG_PCI)', a, absent)), [undefined, undefined, undefined, undefined]);
  const text = '#ifdef CONFIG_ATARI\nint atari;\n#endif\nint any;\n';
  const everywhere = Object.fromEntries(KBUILD_ARCHES.map((a) => [a, absent]));
  assert.equal(scanConditionals(text, everywhere).text, text.replace(/^(?!int any).*$/gm, (l) => ' '.repeat(l.length)));
  assert.equal(scanConditionals(text).text, text);
});

test('a symbol only another of our architectures declares is false on the rest: a region of that architecture', () => {
  const pmac = new Set(['CONFIG_PPC_PMAC']);
  const absent = { x86_64: pmac, arm64: pmac, riscv64: pmac };
  const text = 'a;\n#if defined(CONFIG_X86) || defined(CONFIG_PPC_PMAC)\nreinit();\n#endif\nb;\n';
  assert.deepEqual(scanConditionals(text, absent).regions, [{ start: 2, end: 2, arches: ['x86_64', 'powerpc64'] }]);
  assert.deepEqual(scanConditionals(text).regions, []);
});

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

test('an architecture-certain chain splitting braces loses its directives, a balanced or unknown one keeps them (sis_main.c:4505-4529)', () => {
  const split = [
    'f() {', '#if !defined(__i386__) && !defined(__x86_64__)', 'if (a) {', 'x();', '} else {', '#endif',
    'y();', '#if !defined(__i386__) && !defined(__x86_64__)', '}', '#endif', '}',
  ].join('\n');
  const { text: out, regions } = scanConditionals(split);
  assert.deepEqual(out.split('\n').map((l) => l.trim()), ['f() {', '', 'if (a) {', 'x();', '} else {', '', 'y();', '', '}', '', '}']);
  assert.deepEqual(regions, [
    { start: 2, end: 4, arches: ['arm64', 'powerpc64', 'riscv64'] },
    { start: 8, end: 8, arches: ['arm64', 'powerpc64', 'riscv64'] },
  ]);
  const balanced = ['#ifdef CONFIG_X86', 'if (a) { x(); }', '#endif', '#ifdef CONFIG_FOO', '} else {', '#endif'].join('\n');
  assert.equal(scanConditionals(balanced).text, balanced);
});

test("a file's own #define of a known macro counts from its line on", () => {
  const text = '#if BITS_PER_LONG == 32\nbefore();\n#endif\n#define BITS_PER_LONG 32\n#if BITS_PER_LONG == 32\nafter();\n#endif\n';
  assert.deepEqual(lines(scanConditionals(text).text), ['', '', '', '#define BITS_PER_LONG 32', '', 'after();', '', '']);
});

/** The lines of a scanned text, trimmed. */
const lines = (text: string) => text.split('\n').map((l) => l.trim());

test('a name the file defines before its #if decides it: the #elif after a certain branch is dead (fealnx.c:1300-1358)', () => {
  const text = '#define one_buffer\n#if defined(one_buffer)\none();\n#elif defined(two_buffer)\ntwo();\n#endif\n';
  assert.deepEqual(lines(scanConditionals(text).text), ['#define one_buffer', '', 'one();', '', '', '', '']);
});

test('a define made under a condition every target decides counts where it is compiled (sfc io.h:62-64)', () => {
  const text = '#if BITS_PER_LONG == 64\n#define USE_QWORD 1\n#endif\n#ifdef USE_QWORD\nq();\n#else\nl();\n#endif\n#if USE_QWORD == 1\nv();\n#endif\n';
  assert.deepEqual(lines(scanConditionals(text).text), ['', '#define USE_QWORD 1', '', '', 'q();', '', '', '', '', 'v();', '', '']);
});

test('#define with value 0 is still defined; #undef makes the name undefined and 0', () => {
  const text = '#define W 0\n#ifdef W\na();\n#endif\n#if W\nb();\n#endif\n#undef W\n#ifdef W\nc();\n#endif\n#if !W\nd();\n#endif\n';
  const out = lines(scanConditionals(text).text);
  assert.deepEqual(out.filter((l) => l.endsWith('();')), ['a();', 'd();']);
});

test('names the file does not certainly define before the #if stay unknown', () => {
  const cases = [
    '#ifdef W\nx();\n#endif\n#define W\n', // defined after the use
    '#if 0\n#define W\n#endif\n#ifdef W\nx();\n#endif\n', // defined only in dead code
    '#ifdef CONFIG_FOO\n#define W 1\n#endif\n#ifdef W\nx();\n#endif\n', // defined under an unknown condition
    '#define W(x) (x)\n#if W(1)\nx();\n#endif\n', // a function-like macro has no value here
    '#define W OTHER\n#if W == 1\nx();\n#endif\n', // nor a define naming another macro
    '/*\n#define W\n*/\n#ifdef W\nx();\n#endif\n', // a define in a commented-out block
  ];
  for (const text of cases) {
    const out = lines(scanConditionals(text).text);
    const at = out.indexOf('x();');
    assert.ok(at > 0 && out[at - 1].startsWith('#if') && out[at + 1] === '#endif', text); // kept, its chain too
  }
});

test('inside an include guard (an unknown #ifndef) its defines are still certain for the lines of the guard', () => {
  const text = '#ifndef FOO_H\n#define FOO_H\n#if BITS_PER_LONG == 64\n#define Q 1\n#endif\n#ifdef Q\nq();\n#else\nl();\n#endif\n#endif\n';
  const out = lines(scanConditionals(text).text);
  assert.deepEqual(out.filter((l) => l.endsWith('();')), ['q();']);
  assert.equal(out[0], '#ifndef FOO_H');
});

test('at #endif the branches are joined: the same define in every branch is known, different ones are not', () => {
  const same = '#ifdef CONFIG_FOO\n#define W 1\n#else\n#define W 1\n#endif\n#if W\nx();\n#else\ny();\n#endif\n';
  assert.deepEqual(lines(scanConditionals(same).text).filter((l) => l.endsWith('();')), ['x();']);
  const differ = '#ifdef CONFIG_FOO\n#define W 1\n#else\n#define W 2\n#endif\n#if W == 1\nx();\n#endif\n';
  assert.equal(scanConditionals(differ).text, differ);
  const noElse = '#define W 1\n#ifdef CONFIG_FOO\n#undef W\n#endif\n#ifdef W\nx();\n#endif\n';
  assert.equal(scanConditionals(noElse).text, noElse);
});

test('a define made on some targets only: known there, unknown on the others', () => {
  const text = '#ifdef CONFIG_X86\n#undef W\n#else\n#define W 1\n#endif\n#ifdef W\nw();\n#else\nnot_w();\n#endif\n';
  const { regions } = scanConditionals(text);
  assert.deepEqual(regions, [
    { start: 1, end: 1, arches: ['x86_64'] },
    { start: 3, end: 6, arches: ['arm64', 'powerpc64', 'riscv64'] }, // directive lines do not end a region
    { start: 8, end: 8, arches: ['x86_64'] },
  ]);
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
