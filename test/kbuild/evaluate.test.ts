// Tables for src/analysis/kbuild.ts: Kconfig expressions per architecture, Kconfig and Makefile parsing, a file's arches.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alwaysPrompted, buildableArches, compositeMembers, cppCondition, defaultConditions, definitionsUnder, fileCondition, includeConditions, KBUILD_ARCHES, makeEvaluator, objectCondition,
  parseExpr, parseKconfig, parseMakefile, selectCondition, type Expr, type KbuildArch, type Makefile,
} from '../../src/analysis/kbuild';

/** Symbols a table row may define: `depends on` texts, one per definition. */
const KCONFIG: Record<string, string[]> = {
  NET_VENDOR_X: ['PCI && (X86 || ARM64)'],
  SUN3_NIC: ['SUN3'],
  LOOP_A: ['LOOP_B'], LOOP_B: ['LOOP_A'], // a cycle: neither rules anything out
  TWO_HOMES: ['MIPS', 'RISCV'], // two definitions: either may make it visible
  NEVER: ['n'],
};

const definitions = (s: string): Expr[] | undefined => KCONFIG[s]?.map(parseExpr);

/** expression -> the architectures where it can be true. */
const EXPRESSIONS: [string, KbuildArch[]][] = [
  ['X86', ['x86_64']],
  ['X86_64 && 64BIT', ['x86_64']],
  ['X86_32', []],
  ['ARM', []],
  ['ARM64', ['arm64']],
  ['PPC', ['powerpc64']], ['PPC64', ['powerpc64']], ['PPC32', []],
  ['RISCV', ['riscv64']],
  ['64BIT', [...KBUILD_ARCHES]],
  ['!64BIT', []],
  ['PCI && OF && ACPI', [...KBUILD_ARCHES]],
  ['!PCI', [...KBUILD_ARCHES]], // PCI can be disabled anywhere
  ['ISA', []], // config ISA sits under `if X86_32` (arch/x86/Kconfig:2858-2860)
  ['COMPILE_TEST', []],
  ['X86 || COMPILE_TEST', ['x86_64']],
  ['ARCH_HISI || COMPILE_TEST', ['arm64']],
  ['ARCH_QCOM || ARCH_MEDIATEK', ['arm64']],
  ['SOC_SIFIVE', ['riscv64']],
  ['SUN3 || SUN3X || AMIGA || ATARI || MAC || Q40 || MVME16x || BVME6000 || HP300 || APOLLO', []],
  ['PARISC || GSC || MIPS || SGI_IP32 || SPARC || SPARC64 || SBUS || ALPHA || SUPERH || S390 || IA64 || ZORRO || NUBUS || TC', []],
  ['(ARM || MIPS || SUPERH || ZORRO || COMPILE_TEST) && HAS_IOMEM', []],
  ['SOME_UNKNOWN_OPTION', [...KBUILD_ARCHES]],
  ['!SOME_UNKNOWN_OPTION', [...KBUILD_ARCHES]],
  ['NET_VENDOR_X', ['x86_64', 'arm64']],
  ['NET_VENDOR_X && !X86', ['arm64']],
  ['SUN3_NIC || RISCV', ['riscv64']],
  ['LOOP_A', [...KBUILD_ARCHES]],
  ['TWO_HOMES', ['riscv64']],
  ['NEVER', []],
  ['X86 = y', ['x86_64']],
  ['X86 != y', ['arm64', 'powerpc64', 'riscv64']],
  ['X86 = n', ['arm64', 'powerpc64', 'riscv64']],
  ['SUN3_NIC != n', []],
  ['SUN3_NIC = m', []],
  ['NET_VENDOR_X = y', ['x86_64', 'arm64']],
  ['PHYS_ADDR_T_SIZE = "64"', [...KBUILD_ARCHES]],
  ['m', [...KBUILD_ARCHES]],
  ['y && !n', [...KBUILD_ARCHES]],
  ['n', []],
  ['!(X86 || ARM64) && 64BIT', ['powerpc64', 'riscv64']],
  ['(PPC64 && !CPU_LITTLE_ENDIAN) || RISCV', ['powerpc64', 'riscv64']],
  ['X86 && ((', [...KBUILD_ARCHES]], // unparsable: no restriction
];

for (const [text, arches] of EXPRESSIONS) {
  test(`depends on ${text} -> ${arches.join(', ') || 'none'}`, () => {
    const ev = makeEvaluator(definitions);
    const e = parseExpr(text);
    assert.deepEqual(KBUILD_ARCHES.filter((a) => ev.value(e, a) !== 'n'), arches);
  });
}

test('Kconfig: depends on lines AND together, with if/menu/choice blocks, comments and help text ignored', () => {
  const k = parseKconfig([
    'config A', '\ttristate "a"', '\tdepends on PCI', '\tdepends on X86', '\tselect FOO', '\tdefault y',
    'if ARM64', 'menu "m"', '\tdepends on OF', 'config B', '\tbool "b"', '\thelp', '\t  depends on SUN3 (prose, not Kconfig)', '\t  if X86', '', '\t  still help',
    'comment "c"', '\tdepends on SUN3', 'endmenu',
    'choice', '\tprompt "p"', '\tdepends on RISCV', 'config C', '\tbool "c"', 'endchoice',
    'source "drivers/x/Kconfig"', 'endif', 'menuconfig D', '\tbool "d" if EXPERT', '\tdepends on PPC \\', '\t\t|| RISCV',
  ].join('\n'));
  const ev = makeEvaluator(() => undefined);
  const archesOf = (e: Expr) => KBUILD_ARCHES.filter((a) => ev.value(e, a) !== 'n');
  assert.deepEqual(k.definitions.map((d) => [d.symbol, archesOf(d.depends)]), [
    ['A', ['x86_64']], ['B', ['arm64']], ['C', []], ['D', ['powerpc64', 'riscv64']],
  ]);
  assert.deepEqual(k.sources.map((s) => [s.path, archesOf(s.cond)]), [['drivers/x/Kconfig', ['arm64']]]);
  assert.deepEqual(definitionsUnder(k, parseExpr('RISCV')).map((d) => [d.symbol, archesOf(d.depends)]), [['A', []], ['B', []], ['C', []], ['D', ['riscv64']]]);
});

test('Kconfig: a promptless symbol is set only by its defaults and by the select/imply lines naming it', () => {
  const k = parseKconfig([
    'config EXTI', '\tbool', // selected only from arm32 code: never on our four
    'config GLUE', '\tbool', // selected by a riscv SoC and by a prompted driver
    'config CLK_MP1', '\tdef_bool COMMON_CLK && MACH_MP1', // its def_bool is its value
    'config QUIRK', '\tbool', '\tdefault y if PCI', // a default: set wherever PCI may be
    'config ORPHAN', '\ttristate', // nothing sets it
    'config USER', '\tbool "user"', '\tselect GLUE if OF',
    'config MACH_MP1', '\tbool "mp1"', '\tdepends on ARCH_STM32',
    'config SP_INTC', '\tbool "sp" if COMPILE_TEST', '\tdefault MACH_MP1', // a prompt for build tests only
    'config ANY_INTC', '\tbool "any" if OF', '\tdefault MACH_MP1', // a prompt shown wherever OF may be set
  ].join('\n'));
  const arm = parseKconfig(['config ARCH_STM32', '\tbool "stm32"', '\tselect EXTI', '\timply GLUE'].join('\n'));
  const rv = parseKconfig(['config SOC_X', '\tbool "x"', '\tselect GLUE'].join('\n'));
  const defs = [...definitionsUnder(k, parseExpr('y')), ...definitionsUnder(arm, parseExpr('n')), ...definitionsUnder(rv, parseExpr('RISCV'))];
  const setters = (s: string) => {
    const own = defs.filter((d) => d.symbol === s);
    if (own.length === 0 || own.some(alwaysPrompted)) return undefined;
    return [...own.flatMap(defaultConditions), ...defs.flatMap((d) => (d.selects ?? []).filter((x) => x.symbol === s).map((x) => selectCondition(d, x.cond)))];
  };
  const ev = makeEvaluator((s) => { const d = defs.filter((x) => x.symbol === s); return d.length ? d.map((x) => x.depends) : undefined; }, setters);
  const archesOf = (s: string) => KBUILD_ARCHES.filter((a) => ev.value({ k: 'sym', name: s }, a) !== 'n');
  assert.deepEqual(archesOf('EXTI'), []);
  assert.deepEqual(archesOf('GLUE'), [...KBUILD_ARCHES]);
  assert.deepEqual(archesOf('CLK_MP1'), []);
  assert.deepEqual(archesOf('QUIRK'), [...KBUILD_ARCHES]);
  assert.deepEqual(archesOf('ORPHAN'), []);
  assert.deepEqual(archesOf('SOC_X'), ['riscv64']);
  assert.deepEqual(archesOf('SP_INTC'), []);
  assert.deepEqual(archesOf('ANY_INTC'), [...KBUILD_ARCHES]);
});

/** Makefile text, object or directory -> the symbols (as an expression) it is built under; undefined: not named. */
const MAKEFILES: [string, string, string | undefined][] = [
  ['obj-$(CONFIG_FOO) += foo.o', 'foo.o', 'FOO'],
  ['obj-y += foo.o bar.o', 'bar.o', 'y'],
  ['obj-m := foo.o', 'foo.o', 'y'],
  ['obj-$(CONFIG_FOO) += foo.o', 'bar.o', undefined],
  ['obj-$(CONFIG_FOO) += a.o \\\n\tb.o', 'b.o', 'FOO'],
  ['obj-$(CONFIG_FOO) += foo.o\nfoo-objs := a.o b.o', 'b.o', 'FOO'],
  ['obj-$(CONFIG_FOO) += foo.o\nfoo-y := a.o\nfoo-$(CONFIG_BAR) += b.o', 'b.o', 'BAR && FOO'],
  ['obj-$(CONFIG_NE2000) += ne.o 8390.o\nobj-$(CONFIG_WD) += wd.o 8390.o', '8390.o', 'NE2000 || WD'],
  ['obj-$(CONFIG_NET_VENDOR_AMD) += amd/', 'amd/', 'NET_VENDOR_AMD'],
  ['ifdef CONFIG_X86\nobj-y += x.o\nelse\nobj-y += y.o\nendif', 'y.o', '!X86'],
  ['ifeq ($(CONFIG_PPC),y)\nobj-y += p.o\nendif', 'p.o', 'PPC'],
  ['ifneq ($(CONFIG_ARM64),)\nobj-y += a.o\nendif', 'a.o', 'ARM64'],
  ['ccflags-y += -I$(src)\nobj-$(CONFIG_FOO) += foo.o # comment', 'foo.o', 'FOO'],
  ['mlx5_core-y := main.o\nmlx5_core-$(CONFIG_MLX5_EN) += en.o\nobj-$(CONFIG_MLX5_CORE) += mlx5_core.o', 'en.o', 'MLX5_EN && MLX5_CORE'],
];

for (const [text, name, cond] of MAKEFILES) {
  test(`Makefile ${JSON.stringify(text)}: ${name} under ${cond ?? '(not named)'}`, () => {
    const got = objectCondition(parseMakefile(text), name);
    if (cond === undefined) { assert.equal(got, undefined); return; }
    assert.ok(got);
    // Compare by truth table: each symbol of the expected expression set in turn per architecture symbol.
    const symbols = [...new Set(cond.match(/[A-Z][A-Z0-9_]*/g) ?? [])];
    for (let bits = 0; bits < 1 << symbols.length; bits++) {
      const on = new Set(symbols.filter((_, i) => bits & (1 << i)));
      const fixed = (s: string) => (on.has(s) ? 'y' : 'n');
      assert.equal(truth(got, fixed), truth(parseExpr(cond), fixed), `with ${[...on].join(',') || 'nothing'} set`);
    }
  });
}

/** Makefile text, object -> the members of each composite object it is built into; undefined: a goal of its own, or in none. */
const COMPOSITES: [string, string, string[][] | undefined][] = [
  ['obj-$(CONFIG_CC) += ccree.o\nccree-y := cc_driver.o cc_req.o\nccree-$(CONFIG_DEBUG) += cc_debug.o', 'cc_req.o', [['cc_driver.o', 'cc_req.o', 'cc_debug.o']]],
  ['obj-$(CONFIG_C67X00) += c67x00.o\nc67x00-objs := c67x00-drv.o c67x00-ll-hpi.o', 'c67x00-ll-hpi.o', [['c67x00-drv.o', 'c67x00-ll-hpi.o']]],
  ['obj-$(CONFIG_A) += a.o\nobj-$(CONFIG_B) += b.o\nb-y := b_main.o a.o', 'a.o', undefined],
  ['obj-$(CONFIG_X) += x.o y.o\nx-y := x1.o shared.o\ny-y := y1.o shared.o', 'shared.o', [['x1.o', 'shared.o'], ['y1.o', 'shared.o']]],
  ['obj-$(CONFIG_A) += a.o', 'b.o', undefined],
];

for (const [text, object, groups] of COMPOSITES) {
  test(`Makefile ${JSON.stringify(text)}: ${object} built into ${groups ? JSON.stringify(groups) : '(no composite only)'}`, () => {
    assert.deepEqual(compositeMembers(parseMakefile(text), object), groups);
  });
}

function truth(e: Expr, v: (s: string) => string): boolean {
  switch (e.k) {
    case 'const': return e.v !== 'n';
    case 'str': return true;
    case 'sym': return v(e.name) === 'y';
    case 'not': return !truth(e.e, v);
    case 'and': return truth(e.a, v) && truth(e.b, v);
    case 'or': return truth(e.a, v) || truth(e.b, v);
    case 'cmp': return true;
  }
}

test('a file: its object and every directory on its chain (nearest Makefile naming it), its includers, or no restriction', () => {
  const makefiles: Record<string, Makefile> = {
    '': parseMakefile('obj-y += drivers/'),
    drivers: parseMakefile('obj-y += net/\nobj-$(CONFIG_X86) += platform/x86/'),
    'drivers/net': parseMakefile('obj-$(CONFIG_ETH) += eth/'),
    'drivers/net/eth': parseMakefile('obj-$(CONFIG_SUN3) += sun3.o\nobj-$(CONFIG_HISI) += hisi/\nobj-$(CONFIG_PCI) += sub/deep.o'),
    'drivers/net/eth/hisi': parseMakefile('obj-y += hisi.o'),
    'drivers/platform/x86': parseMakefile('obj-y += thinkpad.o'),
  };
  const y = parseExpr('y');
  const includers: Record<string, { file: string; when: Expr }[]> = {
    'drivers/net/eth/lib.c': [{ file: 'drivers/net/eth/sun3.c', when: y }],
    'drivers/net/eth/lib2.c': [{ file: 'drivers/net/eth/sun3.c', when: y }, { file: 'drivers/net/eth/not_named.c', when: y }],
    'drivers/net/eth/hisi/quirk.h': [{ file: 'drivers/net/eth/hisi/hisi.c', when: parseExpr('HISI_QUIRK') }], // #ifdef CONFIG_HISI_QUIRK
    'drivers/net/eth/sub/opt.h': [{ file: 'drivers/net/eth/sub/deep.c', when: parseExpr('!X86') }, { file: 'drivers/net/eth/sub/deep.c', when: parseExpr('RISCV') }],
  };
  const kconfig: Record<string, Expr[]> = { HISI: [parseExpr('ARCH_HISI || COMPILE_TEST')], ETH: [parseExpr('!PPC')], HISI_QUIRK: [parseExpr('SUN3')] };
  const tree = { makefile: (d: string) => makefiles[d], includers: (f: string) => includers[f] ?? [], definitions: (s: string) => kconfig[s] };
  const rows: [string, KbuildArch[]][] = [
    ['drivers/net/eth/sun3.c', []],
    ['drivers/net/eth/hisi/hisi.c', ['arm64']],
    ['drivers/net/eth/sub/deep.c', ['x86_64', 'arm64', 'riscv64']],
    ['drivers/platform/x86/thinkpad.c', ['x86_64']],
    ['drivers/net/eth/not_named.c', [...KBUILD_ARCHES]],
    ['drivers/net/eth/lib.c', []], // #included only by sun3.c
    ['drivers/net/eth/lib2.c', [...KBUILD_ARCHES]], // also by a file no Makefile names
    ['drivers/net/eth/hisi/quirk.h', []], // its only includer reads it under a symbol no architecture of ours sets
    ['drivers/net/eth/sub/opt.h', ['arm64', 'riscv64']], // #ifndef CONFIG_X86 there, #ifdef CONFIG_RISCV here
    ['drivers/net/eth/header.h', [...KBUILD_ARCHES]],
    ['elsewhere/file.c', [...KBUILD_ARCHES]],
  ];
  for (const [file, arches] of rows) assert.deepEqual(buildableArches(file, tree), arches, file);
  assert.equal(fileCondition('drivers/net/eth/not_named.c', tree), undefined);
  assert.equal(buildableArches('a/b.c', { makefile: () => undefined, definitions: () => undefined }).length, 4, 'no Kbuild files known: no restriction');
});

/** `#if` text -> the architectures where it may hold (CONFIG_SUN3 is never set on our four; FOO is no Kconfig symbol). */
const CPP_CONDITIONS: [string, KbuildArch[]][] = [
  ['defined(CONFIG_SUN3)', []],
  ['defined CONFIG_SUN3', []],
  ['IS_ENABLED(CONFIG_SUN3)', []],
  ['IS_REACHABLE(CONFIG_SUN3) || IS_MODULE(CONFIG_PPC64)', ['powerpc64']],
  ['defined(CONFIG_SUN3_MODULE)', []], // set only when SUN3 is m
  ['!defined(CONFIG_X86) && !(defined(CONFIG_ARM64) || defined(CONFIG_PPC))', ['riscv64']],
  ['0', []], ['1', [...KBUILD_ARCHES]], ['0 && defined(FOO)', []],
  ['defined(FOO)', [...KBUILD_ARCHES]], // not a Kconfig name: unknown
  ['!defined(CONFIG_SUN3) == 0', [...KBUILD_ARCHES]], // a comparison: unknown
  ['CONFIG_SUN3', [...KBUILD_ARCHES]], // a macro's value: unknown
  ['defined(CONFIG_SUN3) || FOO > 2', [...KBUILD_ARCHES]],
  ['defined(CONFIG_SUN3) && FOO > 2', []],
  ['defined(CONFIG_X86) ? 0 : 1', [...KBUILD_ARCHES]], // ?: unknown as a whole
  ['defined(CONFIG_X86) && (', [...KBUILD_ARCHES]], // unparsable
];

for (const [text, arches] of CPP_CONDITIONS) {
  test(`#if ${text} -> ${arches.join(', ') || 'none'}`, () => {
    const ev = makeEvaluator((s) => (s === 'SUN3' ? [parseExpr('n')] : undefined));
    assert.deepEqual(KBUILD_ARCHES.filter((a) => ev.value(cppCondition(text), a) !== 'n'), arches);
  });
}

test('#include "x" lines: each with the #if/#elif/#else branches around it, ORed over its lines; comments and redefined names', () => {
  const text = [
    '#ifndef GUARD_H', '#define GUARD_H', '#include "always.h"',
    '#ifdef CONFIG_X86', '#include "x86.h"', '#elif defined(CONFIG_ARM64)', '#include "arm.h"', '#else', '#include "other.h"', '#include "twice.h"', '#endif',
    '#if defined(CONFIG_X86)', '#include "twice.h"', '#endif',
    '#if 0', '#include "dead.h"', '#endif',
    '/*', '#include "commented.h"', '*/', '#if 0 // "old"', '#else', '#include "live.h" /* kept */', '#endif',
    '#ifdef CONFIG_LOCAL', '#include "local.h"', '#endif',
    '#include <linux/io.h>', '#endif',
  ].join('\n');
  const ev = makeEvaluator(() => [parseExpr('n')]); // every other symbol: never set
  const got = [...includeConditions(text, new Set(['CONFIG_LOCAL']))].map(([name, when]) => [name, KBUILD_ARCHES.filter((a) => ev.value(when, a) !== 'n')]);
  assert.deepEqual(got, [
    ['always.h', [...KBUILD_ARCHES]], ['x86.h', ['x86_64']], ['arm.h', ['arm64']], ['other.h', ['powerpc64', 'riscv64']],
    ['twice.h', ['x86_64', 'powerpc64', 'riscv64']],
    ['dead.h', []], ['live.h', [...KBUILD_ARCHES]], ['local.h', [...KBUILD_ARCHES]],
  ]);
});
