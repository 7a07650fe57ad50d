// Reads the Makefiles and Kconfig files of Linux trees (lazily, cached) so the engine keeps only the architectures a file builds for (and, with dt-tree, whose DTs describe its hardware).
import { existsSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import {
  alwaysPrompted, and, buildableArches, compositeMembers, defaultConditions, definedConfigNames, definitionsUnder, expandIncludes, includeConditions, makeEvaluator, parseKconfig,
  parseMakefile, selectCondition, KBUILD_ARCHES, type Evaluator, type Expr, type Includer, type KbuildArch, type KbuildTree, type KconfigFile, type Makefile,
} from '../analysis/kbuild';
import type { AbsentMacros } from '../analysis/preproc-conditions';
import { DtTree } from './dt-tree';
import { isDir, listDir, readText } from './tree-files';

/** The symbol each of our `arch/<dir>/` trees is built under; every other `arch/<dir>/` is another architecture. */
const ARCH_DIRS: Record<string, string> = { x86: 'X86', arm64: 'ARM64', powerpc: 'PPC', riscv: 'RISCV' };
/** Each target's arch/<dir>. */
const OUR_ARCH_DIR: Record<KbuildArch, string> = { x86_64: 'x86', arm64: 'arm64', powerpc64: 'powerpc', riscv64: 'riscv' };
/** Where a Kconfig file outside arch/ declares a symbol (LinuxTree.declaredIn). */
const GENERIC = '*';

/** A `(file) => arches` for CheckOptions.buildArches: the architectures Kconfig/Makefiles build a file for, narrowed
 * for a device-tree-only driver to those whose DTs name its hardware (src/cli/dt-tree); undefined outside a Linux tree. */
export function buildArches(files: string[] = []): (file: string) => KbuildArch[] | undefined {
  const trees = new Map<string, [LinuxTree, DtTree]>();
  const rootOf = rootFinder();
  return (file) => {
    const abs = resolve(file);
    const root = rootOf(dirname(abs));
    if (!root) return undefined;
    let tree = trees.get(root);
    if (!tree) {
      const linux = linuxTree(root);
      tree = [linux, new DtTree(root, (rel) => linux.arches(rel))];
      trees.set(root, tree);
      tree[1].prepareNames(files.map((f) => relative(root, resolve(f)).split(sep).join('/')).filter((r) => !r.startsWith('..')));
    }
    const rel = relative(root, abs).split(sep).join('/');
    const built = tree[0].arches(rel);
    const described = built && built.length ? tree[1].arches(rel) ?? compositeArches(rel, tree[0], tree[1]) : undefined;
    return described ? built?.filter((a) => described.includes(a)) : built;
  };
}

/** One LinuxTree per root for the process (check reads the Kconfig files once for the macros and the narrowing). */
const linuxTrees = new Map<string, LinuxTree>();

function linuxTree(root: string): LinuxTree {
  let tree = linuxTrees.get(root);
  if (!tree) { tree = new LinuxTree(root); linuxTrees.set(root, tree); }
  return tree;
}

/**
 * For files all inside one Linux tree, per target: `CONFIG_X` for each Kconfig symbol only other architectures'
 * arch/<dir>/ Kconfig files declare, which that target's build cannot set, so the preprocessor scan takes
 * `#ifdef CONFIG_X` as false there: `config ATARI` (arch/m68k/Kconfig.machine:16) on all four, `config PPC_PMAC`
 * (arch/powerpc/platforms/powermac/Kconfig:2) on all but powerpc64. Undefined for files outside a tree or in several.
 */
export function otherArchMacros(files: string[]): AbsentMacros | undefined {
  const rootOf = rootFinder();
  const roots = new Set(files.map((f) => rootOf(dirname(resolve(f)))));
  const [root] = roots;
  if (roots.size !== 1 || root === undefined) return undefined;
  const tree = linuxTree(root);
  return Object.fromEntries(KBUILD_ARCHES.map((arch) => [arch, new Set([...tree.otherArchSymbols(arch)].map((s) => `CONFIG_${s}`))]));
}

/**
 * A file built only into composite objects (`ccree-y := cc_driver.o cc_request_mgr.o ...`) runs only where the
 * driver those objects make binds: narrowed like its device-tree-only or name-bound members (cc_driver.c's
 * `arm,cryptocell` compatibles are named only by arm64 DTs, so cc_request_mgr.c is arm64 only); several composites:
 * the union; a composite with a member bound another way, or none bound: no narrowing.
 */
function compositeArches(rel: string, linux: LinuxTree, dt: DtTree): KbuildArch[] | undefined {
  const groups = linux.composites(rel);
  if (!groups) return undefined;
  const found = new Set<KbuildArch>();
  for (const members of groups) {
    const arches = dt.driverArches(members);
    if (!arches) return undefined;
    arches.forEach((a) => found.add(a));
  }
  return [...found];
}

/** The nearest ancestor holding `Kconfig`, `Makefile` and `arch/` (memoised per directory). */
function rootFinder(): (dir: string) => string | undefined {
  const memo = new Map<string, string | undefined>();
  const find = (dir: string): string | undefined => {
    if (memo.has(dir)) return memo.get(dir);
    const isRoot = existsSync(join(dir, 'Kconfig')) && existsSync(join(dir, 'Makefile')) && isDir(join(dir, 'arch'));
    const parent = dirname(dir);
    const root = isRoot ? dir : parent === dir ? undefined : find(parent);
    memo.set(dir, root);
    return root;
  };
  return find;
}

interface Pending { path: string; cond: Expr }

/** One Linux tree: parsed Makefiles by directory, Kconfig files loaded by following `source` lines as far as needed. */
class LinuxTree implements KbuildTree {
  private readonly makefiles = new Map<string, Makefile | undefined>();
  /** Each Kconfig read, with the conditions it was read under (a file several `source` lines name is read under each). */
  private readonly loaded = new Map<string, Set<string>>();
  private readonly defs = new Map<string, Expr[]>();
  /** Symbols some definition always lets a user set (a prompt without `if`): never narrowed by what else sets them. */
  private readonly settable = new Set<string>();
  /** symbol -> the condition of each `default` of it and each `select`/`imply` naming it. */
  private readonly setters = new Map<string, Expr[]>();
  /** `source` lines not followed yet; other architectures' trees wait in `later`. */
  private readonly pending: Pending[] = [];
  private readonly later: Pending[] = [];
  private readonly evaluator: Evaluator;
  private readonly results = new Map<string, KbuildArch[]>();
  private readonly includes = new Map<string, Map<string, Includer[]>>();
  private readonly includerMemo = new Map<string, Includer[]>();
  /** Per symbol: where Kconfig files declare it, each arch/<dir>/ by its <dir>, any other directory as GENERIC. */
  private readonly declaredIn = new Map<string, Set<string>>();

  constructor(private readonly root: string) {
    this.evaluator = makeEvaluator((s) => this.definitions(s), (s) => this.selectors(s));
    this.load('Kconfig', { k: 'const', v: 'y' });
  }

  arches(rel: string): KbuildArch[] | undefined {
    if (rel.startsWith('..')) return undefined;
    let arches = this.results.get(rel);
    if (!arches) {
      this.loadChain(posix.dirname(rel));
      // Every Kconfig is read before the first evaluation: a symbol's value is memoised, and a select or a second
      // definition in a file not read yet would otherwise change it depending on which file was asked about first.
      this.drain();
      arches = buildableArches(rel, this, this.evaluator);
      this.results.set(rel, arches);
    }
    return arches;
  }

  /** The composite objects the nearest Makefile naming a `.c` file's object builds it into, as root-relative `.c`
   * files; undefined when that object is also a goal of its own, or in no composite. */
  composites(rel: string): string[][] | undefined {
    if (!rel.endsWith('.c')) return undefined;
    let dir = posix.dirname(rel);
    let object = posix.basename(rel).replace(/\.c$/, '.o');
    for (;;) {
      const mk = this.makefile(dir === '.' ? '' : dir);
      if (mk?.assignments.some((a) => a.objects.includes(object))) {
        const base = dir;
        return compositeMembers(mk, object)?.map((group) => group.map((o) => posix.join(base, o.replace(/\.o$/, '.c'))));
      }
      if (dir === '.' || dir === '') return undefined;
      object = `${posix.basename(dir)}/${object}`;
      dir = posix.dirname(dir);
    }
  }

  makefile(dir: string): Makefile | undefined {
    if (!this.makefiles.has(dir)) {
      const text = readText(join(this.root, dir, 'Kbuild')) ?? readText(join(this.root, dir, 'Makefile'));
      const read = (rel: string) => readText(join(this.root, rel));
      this.makefiles.set(dir, text === undefined ? undefined : parseMakefile(expandIncludes(text, dir, read)));
    }
    return this.makefiles.get(dir);
  }

  /** The `.c`/`.h` files beside a file, and in the directory above it, that `#include` it by its relative name, each
   * with the `#if` branches around its `#include` lines. */
  includers(rel: string): Includer[] {
    let found = this.includerMemo.get(rel);
    if (!found) {
      const dir = posix.dirname(rel);
      const parent = posix.dirname(dir);
      found = [...this.includersIn(dir, posix.basename(rel), rel), ...(dir === '.' ? [] : this.includersIn(parent, posix.relative(parent, rel), rel))];
      this.includerMemo.set(rel, found);
    }
    return found;
  }

  private includersIn(dir: string, name: string, self: string): Includer[] {
    return (this.includeIndex(dir).get(name) ?? []).filter((f) => f.file !== self);
  }

  /**
   * For one directory: each name its `.c`/`.h` files `#include "..."` -> those files, in directory order, with when each
   * includes it (read once). A CONFIG_ name some file of the directory `#define`s or `#undef`s is not read as Kconfig's.
   */
  private includeIndex(dir: string): Map<string, Includer[]> {
    let index = this.includes.get(dir);
    if (!index) {
      index = new Map();
      const files = this.siblings(dir);
      const redefined = new Set(files.flatMap(([, text]) => definedConfigNames(text)));
      for (const [file, text] of files) {
        for (const [name, when] of includeConditions(text, redefined)) {
          const list = index.get(name);
          if (list) list.push({ file, when }); else index.set(name, [{ file, when }]);
        }
      }
      this.includes.set(dir, index);
    }
    return index;
  }

  private siblings(dir: string): [string, string][] {
    const names = listDir(join(this.root, dir)).filter((n) => /\.[ch]$/.test(n));
    return names.map((n) => [posix.join(dir, n), readText(join(this.root, dir, n)) ?? ''] as [string, string]);
  }

  /**
   * The symbols only architectures other than `arch` declare (in arch/<dir>/ Kconfig files, none outside arch/ or
   * in `arch`'s own directory); reads every Kconfig.
   */
  otherArchSymbols(arch: KbuildArch): Set<string> {
    this.drain();
    const own = OUR_ARCH_DIR[arch];
    return new Set([...this.declaredIn].filter(([, places]) => !places.has(GENERIC) && !places.has(own)).map(([s]) => s));
  }

  /** A symbol's definitions; a symbol not defined in what is loaded makes the rest of the tree load (once). */
  definitions = (symbol: string): readonly Expr[] | undefined => {
    if (!this.defs.has(symbol)) this.drain();
    return this.defs.get(symbol);
  };

  /** For a symbol no definition always prompts for: its defaults, conditional prompts and every select of it in the whole tree (loaded first). */
  selectors = (symbol: string): readonly Expr[] | undefined => {
    this.drain();
    if (!this.defs.has(symbol) || this.settable.has(symbol)) return undefined;
    return this.setters.get(symbol) ?? [];
  };

  private addSetter(symbol: string, cond: Expr): void {
    const list = this.setters.get(symbol);
    if (list) list.push(cond); else this.setters.set(symbol, [cond]);
  }

  /** Follows `source` lines into the directories on a file's chain, then loads each such directory's own Kconfig. */
  private loadChain(dir: string): void {
    const onChain = (p: string) => { const d = posix.dirname(p); return d === '.' || dir === d || dir.startsWith(`${d}/`); };
    for (let i = this.pending.findIndex((p) => onChain(p.path)); i >= 0; i = this.pending.findIndex((p) => onChain(p.path))) {
      const [p] = this.pending.splice(i, 1);
      this.load(p.path, p.cond);
    }
    for (let d = dir; d !== '.' && d !== ''; d = posix.dirname(d)) {
      const queued = this.takeQueued(`${d}/Kconfig`);
      this.load(`${d}/Kconfig`, queued ?? { k: 'const', v: 'y' }, queued !== undefined);
    }
  }

  /**
   * The condition a `source` line queued this Kconfig under (removed from the queues), if one did: another
   * architecture's arch/<dir>/Kconfig must keep its "never" condition when a file under arch/<dir> is asked about first.
   */
  private takeQueued(path: string): Expr | undefined {
    for (const queue of [this.pending, this.later]) {
      const i = queue.findIndex((p) => p.path === path);
      if (i >= 0) return queue.splice(i, 1)[0].cond;
    }
    return undefined;
  }

  private drain(): void {
    for (let p = this.pending.shift() ?? this.later.shift(); p; p = this.pending.shift() ?? this.later.shift()) this.load(p.path, p.cond);
  }

  /**
   * Reads a Kconfig file under the condition of the `source` line naming it. A file another `source` line names too is
   * read again under that one's condition (`fromSource`), so its symbols are defined under either: virt/kvm/Kconfig,
   * sourced by arch/arm64/kvm/Kconfig and arch/x86/kvm/Kconfig alike, defines HAVE_KVM for x86 too. A directory's own
   * Kconfig read before its `source` line (loadChain: unconditionally) is not read again.
   */
  private load(path: string, inherited: Expr, fromSource = true): void {
    const key = JSON.stringify(inherited);
    const seen = this.loaded.get(path);
    if (seen && (!fromSource || seen.has(key) || seen.size >= 8)) return;
    const text = readText(join(this.root, path));
    if (text === undefined) return;
    if (seen) seen.add(key); else this.loaded.set(path, new Set([key]));
    const file: KconfigFile = parseKconfig(text);
    const place = /^arch\/([^/]+)\//.exec(path)?.[1] ?? GENERIC;
    for (const d of definitionsUnder(file, inherited)) {
      const places = this.declaredIn.get(d.symbol);
      if (places) places.add(place); else this.declaredIn.set(d.symbol, new Set([place]));
      const list = this.defs.get(d.symbol);
      if (list) list.push(d.depends); else this.defs.set(d.symbol, [d.depends]);
      if (alwaysPrompted(d)) this.settable.add(d.symbol);
      for (const c of defaultConditions(d)) this.addSetter(d.symbol, c);
      for (const s of d.selects ?? []) this.addSetter(s.symbol, selectCondition(d, s.cond));
    }
    for (const s of file.sources) this.queue(s.relative ? posix.join(posix.dirname(path), s.path) : s.path, and(inherited, s.cond));
  }

  /** Queues a `source`; `$(SRCARCH)` becomes each `arch/<dir>`, under its architecture's symbol (others: never). */
  private queue(path: string, cond: Expr): void {
    path = path.replace(/^\$\(srctree\)\//, '');
    if (!path.includes('$(SRCARCH)')) { if (!/[$*?]/.test(path)) this.pending.push({ path, cond }); return; }
    for (const dir of this.archDirs()) {
      const sym = ARCH_DIRS[dir];
      const item = { path: path.replace(/\$\(SRCARCH\)/g, dir), cond: sym ? and(cond, { k: 'sym', name: sym }) : { k: 'const', v: 'n' } as Expr };
      (sym ? this.pending : this.later).push(item);
    }
  }

  private archDirs(): string[] {
    return listDir(join(this.root, 'arch')).filter((n) => isDir(join(this.root, 'arch', n)));
  }
}
