// Kbuild: from Makefile and Kconfig texts, the architectures (of our four) on which a kernel C file can be built.
import { MACRO_FACTS } from './preproc-symbols';
import { and, isConst, logicalLines, MAYBE, not, or, parseExpr, TRUE, type Expr } from './kbuild-syntax';
import { objectCondition, type Makefile } from './kbuild-makefile';

export * from './kbuild-syntax';
export * from './kbuild-makefile';
export * from './kbuild-includes';

/** Our four architectures, spelled as in src/engine/arch (this module does not import the engine). */
export const KBUILD_ARCHES = ['x86_64', 'arm64', 'powerpc64', 'riscv64'] as const;
export type KbuildArch = (typeof KBUILD_ARCHES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Architecture and platform symbols, as data

const ALL = KBUILD_ARCHES;

/** Symbols each of our architectures sets (y) or leaves unset (n) in Linux 6.1: `[arches where y]`. */
/**
 * Symbols whose value on each of our four 64-bit builds Linux 6.1 fixes: the Kconfig entries of the preprocessor
 * table (`CONFIG_X86`, `CONFIG_64BIT`, `CONFIG_PPC32`, ... with their sources in preproc-symbols.ts), and COMPILE_TEST
 * (build-only coverage: a driver reachable only through it never runs there).
 */
const FIXED: Record<string, readonly KbuildArch[]> = {
  ...Object.fromEntries(Object.entries(MACRO_FACTS)
    .filter(([name, f]) => name.startsWith('CONFIG_') && f.value === undefined && f.maybe === undefined)
    .map(([name, f]) => [name.slice('CONFIG_'.length), f.defined])),
  COMPILE_TEST: [],
};

/** Symbols that can be enabled (but need not be) only on the listed architectures. */
const POSSIBLE: Record<string, readonly KbuildArch[]> = {
  PCI: ALL, OF: ALL, ACPI: ALL, // buses every one of our four can have
  ISA: [], // Linux 6.1 arch/x86/Kconfig:2858-2860 defines ISA only under `if X86_32`: no ISA bus on our 64-bit four
  // arm64 SoC families (arch/arm64/Kconfig.platforms, Linux 6.1); arch/arm's same names are 32-bit only
  ...only(['arm64'], 'ARCH_ACTIONS ARCH_SUNXI ARCH_ALPINE ARCH_APPLE ARCH_BCM2835 ARCH_BCM_IPROC ARCH_BCMBCA ARCH_BRCMSTB ARCH_BERLIN ARCH_BITMAIN ARCH_EXYNOS ARCH_SPARX5 ARCH_K3 ARCH_LG1K ARCH_HISI ARCH_KEEMBAY ARCH_MEDIATEK ARCH_MESON ARCH_MVEBU ARCH_LAYERSCAPE ARCH_MXC ARCH_S32 ARCH_NPCM ARCH_QCOM ARCH_REALTEK ARCH_RENESAS ARCH_ROCKCHIP ARCH_SEATTLE ARCH_INTEL_SOCFPGA ARCH_SYNQUACER ARCH_TEGRA ARCH_TESLA_FSD ARCH_SPRD ARCH_THUNDER ARCH_THUNDER2 ARCH_UNIPHIER ARCH_VEXPRESS ARCH_VISCONTI ARCH_XGENE ARCH_ZYNQMP'),
  // riscv SoC families (arch/riscv/Kconfig.socs, Linux 6.1)
  ...only(['riscv64'], 'SOC_MICROCHIP_POLARFIRE SOC_SIFIVE SOC_STARFIVE SOC_VIRT SOC_CANAAN'),
  // powerpc64 platforms (arch/powerpc/platforms, Linux 6.1)
  ...only(['powerpc64'], 'PPC_PSERIES PPC_POWERNV PPC_BOOK3S_64 PPC_BOOK3E_64 PPC_PASEMI PPC_CELL PPC_PS3 PPC_MAPLE PPC_PMAC64'),
  // 64-bit Freescale QorIQ (e5500/e6500): PPC_BOOK3E_64 selects PPC_E500, on which FSL_SOC_BOOKE depends
  // (arch/powerpc/platforms/Kconfig.cputype:108-111, arch/powerpc/platforms/85xx/Kconfig:2-5)
  FSL_SOC_BOOKE: ['powerpc64'],
  // other architectures and their machines, buses and platforms: never set on our four
  ...only([], [
    'M68K SUN3 SUN3X AMIGA ATARI MAC Q40 MVME147 MVME16x BVME6000 HP300 APOLLO COLDFIRE ZORRO NUBUS DIO', // m68k
    'PARISC GSC PARISC_BUS_MASTER_DISCOVERY', // parisc
    'MIPS SGI_IP22 SGI_IP27 SGI_IP28 SGI_IP30 SGI_IP32 SNI_RM TC MACH_DECSTATION MACH_JAZZ LANTIQ ATH79 BMIPS_GENERIC', // mips
    'SPARC SPARC32 SPARC64 SBUS', // sparc
    'ALPHA SUPERH CPU_SH4 S390 IA64 XTENSA ARC MICROBLAZE NIOS2 OPENRISC CSKY LOONGARCH HEXAGON UML H8300 NDS32 MCA', // other arches
    'PPC_MPC52xx PPC_83xx PPC_85xx PPC_86xx 40x 44x 8xx PPC_BOOK3S_32', // 32-bit powerpc
    'ARCH_ACORN ARCH_RPC ARCH_EBSA110 ARCH_FOOTBRIDGE ARCH_OMAP1 ARCH_PXA ARCH_SA1100 ARCH_IXP4XX ARCH_EP93XX ARCH_DAVINCI ARCH_S3C24XX ARCH_OMAP2PLUS ARCH_AT91 ARCH_MMP ARCH_ORION5X ARCH_KIRKWOOD ARCH_DOVE ARCH_NOMADIK ARCH_U8500 ARCH_GEMINI ARCH_MOXART ARCH_ASPEED ARCH_STM32 ARCH_SPEAR ARCH_WM8505 ARCH_VT8500 ARCH_LPC32XX ARCH_NSPIRE ARCH_HIGHBANK ARCH_SOCFPGA ARCH_ZYNQ ARCH_MSTARV7 ARCH_DIGICOLOR ARCH_REALVIEW ARCH_VERSATILE ARCH_INTEGRATOR', // 32-bit arm SoCs
  ].join(' ')),
};

function only(arches: readonly KbuildArch[], names: string): Record<string, readonly KbuildArch[]> {
  return Object.fromEntries(names.split(/\s+/).filter(Boolean).map((n) => [n, arches]));
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation: three-valued ("could this be built?"), per architecture

/** y: always set, n: never set, maybe: may be set or not (a user's choice). */
export type Tri = 'y' | 'n' | 'maybe';

/** The `depends on` (with inherited `if`/`menu` conditions) of each definition of a symbol; undefined: not known. */
export type Definitions = (symbol: string) => readonly Expr[] | undefined;

/**
 * For a symbol no user can always set (no definition has an unconditional prompt): the condition of each line that
 * can set it, a `default`/`def_bool` or conditional prompt of its own or a `select`/`imply` naming it (the selecting
 * entry's conditions, the `if`, and the selecting symbol). Undefined for a symbol with an unconditional prompt. An
 * empty list: nothing sets it, so it is never set.
 */
export type Selectors = (symbol: string) => readonly Expr[] | undefined;

const DEPTH_LIMIT = 32;

export interface Evaluator { value(e: Expr, arch: KbuildArch): Tri }

/** Evaluates expressions per architecture, looking up unknown symbols' own dependencies (memoised, cycle-safe). */
export function makeEvaluator(definitions: Definitions, selectors?: Selectors): Evaluator {
  const memo = new Map<string, Tri>();
  const visiting = new Set<string>();
  const symbol = (name: string, arch: KbuildArch, depth: number): Tri => {
    const fixed = FIXED[name];
    if (fixed) return fixed.includes(arch) ? 'y' : 'n';
    const possible = POSSIBLE[name];
    if (possible) return possible.includes(arch) ? 'maybe' : 'n';
    const key = `${arch}|${name}`;
    const known = memo.get(key);
    if (known) return known;
    const defs = definitions(name);
    if (!defs || defs.length === 0 || visiting.has(key) || depth > DEPTH_LIMIT) return 'maybe';
    visiting.add(key);
    const any = defs.reduce<Tri>((acc, d) => orTri(acc, evalAt(d, arch, depth + 1)), 'n');
    const forced = any === 'n' ? 'n' : selectedAt(name, arch, depth);
    visiting.delete(key);
    const v: Tri = any === 'n' || forced === 'n' ? 'n' : 'maybe';
    memo.set(key, v);
    return v;
  };
  /** A promptless symbol is set only by a `default` or a `select`/`imply` that can fire on this architecture. */
  const selectedAt = (name: string, arch: KbuildArch, depth: number): Tri => {
    const sel = selectors?.(name);
    if (!sel) return 'maybe';
    return sel.reduce<Tri>((acc, c) => orTri(acc, evalAt(c, arch, depth + 1)), 'n');
  };
  const evalAt = (e: Expr, arch: KbuildArch, depth: number): Tri => {
    switch (e.k) {
      case 'const': return e.v === 'n' ? 'n' : e.v === 'maybe' ? 'maybe' : 'y';
      case 'str': return 'maybe';
      case 'sym': return symbol(e.name, arch, depth);
      case 'not': return notTri(evalAt(e.e, arch, depth));
      case 'and': return andTri(evalAt(e.a, arch, depth), evalAt(e.b, arch, depth));
      case 'or': return orTri(evalAt(e.a, arch, depth), evalAt(e.b, arch, depth));
      case 'cmp': return compare(e.op, operand(e.a, arch, depth), operand(e.b, arch, depth));
    }
  };
  const operand = (e: Expr, arch: KbuildArch, depth: number): string => {
    if (e.k === 'const') return e.v;
    if (e.k === 'sym') { const v = symbol(e.name, arch, depth); return v === 'maybe' ? '?' : v; }
    return '?';
  };
  return { value: (e, arch) => evalAt(e, arch, 0) };
}

function notTri(a: Tri): Tri {
  return a === 'y' ? 'n' : a === 'n' ? 'y' : 'maybe';
}

function andTri(a: Tri, b: Tri): Tri {
  return a === 'n' || b === 'n' ? 'n' : a === 'y' && b === 'y' ? 'y' : 'maybe';
}

function orTri(a: Tri, b: Tri): Tri {
  return a === 'y' || b === 'y' ? 'y' : a === 'n' && b === 'n' ? 'n' : 'maybe';
}

/** `A = B` / `A != B` over tristate values ('?' unknown); other comparisons are "maybe". */
function compare(op: string, a: string, b: string): Tri {
  if (op !== '=' && op !== '!=') return 'maybe';
  const eq: Tri = a === '?' || b === '?' ? 'maybe' : a === b ? 'y' : 'n';
  return op === '=' ? eq : notTri(eq);
}

// ---------------------------------------------------------------------------------------------------------------
// Kconfig files

/**
 * `prompt`: when the entry's prompt is shown (a user can set it): TRUE, or the prompt's `if` (`bool "x" if
 * COMPILE_TEST`); `defaults`: when each `default`/`def_bool` line sets it (its value AND its `if`); `selects`: the
 * symbols its `select`/`imply` lines set, each under its `if`.
 */
export interface KconfigDefinition { symbol: string; depends: Expr; prompt?: Expr; defaults?: Expr[]; selects?: { symbol: string; cond: Expr }[] }

/** `"text"` or `"text" if COND` after a type keyword or `prompt`: when the prompt is shown; undefined: no prompt. */
function promptCondition(rest: string): Expr | undefined {
  const m = /^\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*(?:if\s+(.*))?$/.exec(rest);
  if (!m) return /^\s*["']/.test(rest) ? TRUE : undefined;
  return m[2] ? parseExpr(m[2]) : TRUE;
}

/** `default y if A`, `def_bool B && C`, `default 0x10`: when the line makes the symbol set (a number or string: maybe). */
function defaultCondition(rest: string): Expr {
  const m = /^(.*?)\s+if\s+(.*)$/.exec(rest.trim());
  const value = parseExpr(m ? m[1] : rest);
  const v: Expr = value.k === 'str' ? MAYBE : value;
  return m ? and(v, parseExpr(m[2])) : v;
}
export interface KconfigSource { path: string; cond: Expr; relative: boolean; optional: boolean }
export interface KconfigFile { definitions: KconfigDefinition[]; sources: KconfigSource[] }

/** Column width of leading whitespace (tabs to 8). */
function indentOf(line: string): number {
  let col = 0;
  for (const c of line) { if (c === ' ') col++; else if (c === '\t') col = (col + 8) & ~7; else break; }
  return col;
}

/** `config`/`menuconfig` entries with their `depends on` (ANDed with enclosing `if`/`menu`/`choice`), and `source` lines. */
export function parseKconfig(text: string): KconfigFile {
  const lines = logicalLines(text);
  const out: KconfigFile = { definitions: [], sources: [] };
  const blocks: { kind: 'if' | 'menu' | 'choice'; cond: Expr }[] = [];
  /** What a `depends on` line attaches to: the open entry, the newest block, or nothing (comment). */
  let target: KconfigDefinition | { kind: string; cond: Expr } | undefined;
  const enclosing = () => blocks.reduce<Expr>((acc, b) => and(acc, b.cond), TRUE);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^\s+/, '');
    const m = /^(\S+)\s*(.*)$/.exec(line);
    if (!m || m[1].startsWith('#')) continue;
    const [, kw, rest] = m;
    switch (kw) {
      case 'config': case 'menuconfig': {
        const inChoice = blocks.some((b) => b.kind === 'choice');
        const def: KconfigDefinition = { symbol: rest.trim().split(/\s+/)[0], depends: enclosing(), prompt: inChoice ? TRUE : undefined };
        out.definitions.push(def);
        target = def;
        break;
      }
      case 'bool': case 'tristate': case 'string': case 'hex': case 'int': case 'boolean': case 'prompt':
        if (target && 'symbol' in target) { const c = promptCondition(rest); if (c) target.prompt = target.prompt ? or(target.prompt, c) : c; }
        break;
      case 'default': case 'def_bool': case 'def_tristate':
        if (target && 'symbol' in target) (target.defaults ??= []).push(defaultCondition(rest));
        break;
      case 'select': case 'imply': {
        const sm = /^([A-Za-z0-9_]+)\s*(?:if\s+(.*))?$/.exec(rest.trim());
        if (sm && target && 'symbol' in target) (target.selects ??= []).push({ symbol: sm[1], cond: sm[2] ? parseExpr(sm[2]) : TRUE });
        break;
      }
      case 'if': blocks.push({ kind: 'if', cond: parseExpr(rest) }); target = undefined; break;
      case 'menu': case 'choice': { const b = { kind: kw, cond: TRUE }; blocks.push(b); target = b; break; }
      case 'endif': case 'endmenu': case 'endchoice': popBlock(blocks, kw.slice(3)); target = undefined; break;
      case 'comment': case 'mainmenu': target = undefined; break;
      case 'depends': {
        const dm = /^on\s+(.*)$/.exec(rest);
        if (dm && target) {
          if ('symbol' in target) target.depends = and(target.depends, parseExpr(dm[1]));
          else target.cond = and(target.cond, parseExpr(dm[1]));
        }
        break;
      }
      case 'source': case 'rsource': case 'osource': case 'orsource': {
        const sm = /^"([^"]*)"|^(\S+)/.exec(rest);
        if (sm) out.sources.push({ path: sm[1] ?? sm[2], cond: enclosing(), relative: kw.startsWith('r') || kw === 'orsource', optional: kw.startsWith('o') });
        target = undefined;
        break;
      }
      case 'help': case '---help---': i = skipHelp(lines, i); break;
      default: break;
    }
  }
  return out;
}

function popBlock(blocks: { kind: string }[], kind: string): void {
  for (let j = blocks.length - 1; j >= 0; j--) if (blocks[j].kind === kind) { blocks.splice(j); return; }
}

/** The index of the last line of a help text starting after line `at`. */
function skipHelp(lines: string[], at: number): number {
  let first = -1;
  let i = at + 1;
  for (; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const ind = indentOf(lines[i]);
    if (first < 0) { if (ind <= indentOf(lines[at])) break; first = ind; }
    else if (ind < first) break;
  }
  return i - 1;
}

/** A file's definitions under the condition inherited from the `source` chain that reached it. */
export function definitionsUnder(file: KconfigFile, inherited: Expr): KconfigDefinition[] {
  return file.definitions.map((d) => ({ ...d, depends: and(inherited, d.depends) }));
}

/** What one `select`/`imply` line of a definition needs to fire: the entry's conditions, its `if`, the selecting symbol. */
export function selectCondition(d: KconfigDefinition, cond: Expr): Expr {
  return and(and(d.depends, cond), { k: 'sym', name: d.symbol });
}

/**
 * What each line of a definition that can set its own symbol needs: a `default`/`def_bool` line's condition, or a
 * conditional prompt's (a user may set it then), each with the entry's conditions.
 */
export function defaultConditions(d: KconfigDefinition): Expr[] {
  return [...(d.defaults ?? []), ...(d.prompt ? [d.prompt] : [])].map((c) => and(d.depends, c));
}

/** True when a user can always set the symbol of this definition (an unconditional prompt). */
export function alwaysPrompted(d: KconfigDefinition): boolean {
  return d.prompt !== undefined && isConst(d.prompt, 'y');
}

// ---------------------------------------------------------------------------------------------------------------
// A file's condition and architectures

/** What the front end knows of a tree: parsed Makefiles by directory (root-relative, '' for the root) and Kconfig definitions. */
export interface KbuildTree {
  makefile(dir: string): Makefile | undefined;
  definitions: Definitions;
  selectors?: Selectors;
  /** Files that `#include` this `.c` or `.h` file (lib8390.c, a driver's local header, selftests/x.c from ../), root-relative. */
  includers?(relPath: string): readonly Includer[];
}

/** A file including another (root-relative), and when its `#if` branches around the `#include` line read it (includeConditions). */
export interface Includer { file: string; when: Expr }

function parentOf(dir: string): string | undefined {
  if (dir === '') return undefined;
  const i = dir.lastIndexOf('/');
  return i < 0 ? '' : dir.slice(0, i);
}

/** The nearest ancestor Makefile's condition for `rel` (a path under `dir`), or undefined when none names it. */
function namedFrom(dir: string, rel: string, tree: KbuildTree): Expr | undefined {
  for (let d: string | undefined = dir; d !== undefined; d = parentOf(d)) {
    const mk = tree.makefile(d);
    const c = mk && objectCondition(mk, rel);
    if (c) return c;
    if (d === '') return undefined;
    rel = `${d.slice(d.lastIndexOf('/') + 1)}/${rel}`;
  }
  return undefined;
}

/** When kbuild builds a root-relative C file: its object's condition AND every directory's, or (a `.c` no Makefile
 * names) any of its includers', each AND the `#if` branches around its `#include` line (a header: the files of its
 * directory and the one above that include it); undefined when there is none of those, or when one includer is itself
 * unknown. */
export function fileCondition(relPath: string, tree: KbuildTree, depth = 0): Expr | undefined {
  const own = builtObject(relPath, tree);
  if (own || depth > 3 || !/\.[ch]$/.test(relPath)) return own;
  let cond: Expr | undefined;
  for (const f of tree.includers?.(relPath) ?? []) {
    const c = fileCondition(f.file, tree, depth + 1);
    if (!c) return undefined; // an includer we know nothing about: no restriction
    cond = cond ? or(cond, and(c, f.when)) : and(c, f.when);
  }
  return cond;
}

/** A file's own object AND its directories, or undefined when no Makefile names the object. */
function builtObject(relPath: string, tree: KbuildTree): Expr | undefined {
  const slash = relPath.lastIndexOf('/');
  const dir = slash < 0 ? '' : relPath.slice(0, slash);
  const object = relPath.slice(slash + 1).replace(/\.c$/, '.o');
  if (!object.endsWith('.o')) return undefined;
  let cond = namedFrom(dir, object, tree);
  if (!cond) return undefined;
  for (let d = dir; d !== ''; d = parentOf(d) ?? '') {
    const parent = parentOf(d);
    if (parent === undefined) break;
    const sub = namedFrom(parent, `${d.slice(d.lastIndexOf('/') + 1)}/`, tree);
    if (sub) cond = and(cond, sub);
  }
  return cond;
}

/** The architectures on which a root-relative file can be built; all four when no Makefile names it. */
export function buildableArches(relPath: string, tree: KbuildTree, evaluator: Evaluator = makeEvaluator(tree.definitions, tree.selectors)): KbuildArch[] {
  const cond = fileCondition(relPath, tree);
  if (!cond) return [...KBUILD_ARCHES];
  return KBUILD_ARCHES.filter((a) => evaluator.value(cond, a) !== 'n');
}
