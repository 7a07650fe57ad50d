// Every analysed function by name: which definition a call in a given file reaches, callers, writers of each field.
import type { FileFacts, FunctionFacts, MacroFacts } from './facts';
import { dirOf, type FileVisibility } from './file-visibility';
import { PURE_CALLS } from './vocabulary';

export class FunctionTable {
  readonly functions = new Map<string, FunctionFacts[]>();
  readonly callers = new Map<string, number>();
  /** File -> function name -> the definition a call there reaches (lookupFunction; dropped when functions change). */
  private readonly lookups = new Map<string, Map<string, FunctionFacts | undefined>>();
  /** Field name -> functions whose text assigns it (built on first use). */
  private writersByField?: Map<string, FunctionFacts[]>;
  /** Function name -> functions whose text calls it (built on first use). */
  private callersByName?: Map<string, FunctionFacts[]>;
  /** Macro -> it only computes a value (pureMacroCall). */
  private pureMacros = new WeakMap<MacroFacts, boolean>();

  constructor(private readonly files: Map<string, FileFacts>, private readonly visibility: FileVisibility) {}

  add(functions: readonly FunctionFacts[]): void {
    for (const fn of functions) {
      const list = this.functions.get(fn.name) ?? [];
      list.push(fn);
      this.functions.set(fn.name, list);
      for (const c of fn.calls) this.callers.set(c, (this.callers.get(c) ?? 0) + 1);
    }
  }

  /** Withdraws a function whose file changed. */
  remove(fn: FunctionFacts, gone: ReadonlySet<FunctionFacts>): void {
    const list = this.functions.get(fn.name)?.filter((f) => !gone.has(f)) ?? [];
    if (list.length) this.functions.set(fn.name, list); else this.functions.delete(fn.name);
    for (const c of fn.calls) this.callers.set(c, (this.callers.get(c) ?? 1) - 1);
  }

  /** Drops what was computed from the functions (they changed). */
  clearCaches(): void {
    this.lookups.clear();
    this.writersByField = undefined;
    this.callersByName = undefined;
    this.pureMacros = new WeakMap();
  }

  /**
   * The definition a call in `from` reaches: its own file's, then a macro or extern function in a local header it
   * includes; none when its own scope defines the name as a macro not summarised (another driver's macro of that
   * name is not the one it calls); else, among definitions it could see at all (a macro or `static` function of
   * another .c file cannot be), the only one, then an extern one of its driver (a shared local header: the real
   * function beside a header's `static inline` stub for the other config), then a header's it includes, then one of
   * its directory.
   */
  lookupFunction(name: string, from: string): FunctionFacts | undefined {
    let byName = this.lookups.get(from);
    if (!byName) { byName = new Map(); this.lookups.set(from, byName); }
    if (byName.has(name)) return byName.get(name);
    const found = this.findDefinition(name, from);
    byName.set(name, found);
    return found;
  }

  /** The function-like macro `name` as a function in `from` sees it: its own file's, else one of the files it includes. */
  visibleMacro(name: string, from: string): MacroFacts | undefined {
    const own = this.files.get(from)?.macros;
    if (own && Object.hasOwn(own, name)) return own[name];
    for (const f of this.visibility.visibleFiles(from)) { const macros = this.files.get(f)?.macros; if (macros && Object.hasOwn(macros, name)) return macros[name]; }
    return undefined;
  }

  /**
   * A call in `from` to a function-like macro that only computes a value: the macro it sees (its own file's or an
   * included header's) calls nothing but value helpers (PURE_CALLS) and macros of this kind, and assigns nothing.
   * `#define MLXSW_PCI_DOORBELL(offset, type_offset, num) ((offset) + (type_offset) + (num) * 4)` is no opaque call.
   */
  pureMacroCall(name: string, from: string, depth = 0): boolean {
    const m = this.visibleMacro(name, from);
    if (!m || depth > 4) return false;
    let pure = this.pureMacros.get(m);
    if (pure === undefined) this.pureMacros.set(m, (pure = this.computesOnly(m, depth)));
    return pure;
  }

  /**
   * The argument at `index` of a call in `from` to a macro that only pastes it into a name (`MLXSW_PCI_ ## reg`): the
   * argument is tokens, not an expression, so calls written in it (mlxsw's `DOORBELL(...)`) are never made.
   */
  pastedArgument(name: string, index: number, from: string): boolean {
    const m = this.visibleMacro(name, from);
    const p = m?.params[index];
    if (!m || !p || !/^\w+$/.test(p) || !m.body.includes('##')) return false;
    const pasted = new RegExp(`##\\s*${p}\\b|\\b${p}\\s*##`, 'g');
    return pasted.test(m.body) && !new RegExp(`\\b${p}\\b`).test(m.body.replace(pasted, ''));
  }

  private computesOnly(m: MacroFacts, depth: number): boolean {
    if (this.functions.get(m.name)?.some((f) => f.isMacro && f.file === m.file)) return false;
    const body = m.body.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
    if (/[^=!<>]=(?!=)|\+\+|--|\basm\b|__asm__|[{;]/.test(body)) return false;
    return [...body.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].every(([, c]) => PURE_CALLS.has(c) || (c !== m.name && this.pureMacroCall(c, m.file, depth + 1)));
  }

  /** What lookupFunction answers, computed. */
  private findDefinition(name: string, from: string): FunctionFacts | undefined {
    const defs = this.functions.get(name);
    if (!defs) return undefined;
    const seen = this.visibility.visibleFiles(from);
    const own = defs.find((d) => d.file === from) ?? defs.find((d) => seen.has(d.file) && !isStatic(d));
    if (own) return own;
    for (const f of seen) { const macros = this.files.get(f)?.macros; if (macros && Object.hasOwn(macros, name)) return undefined; }
    const reachable = defs.filter((d) => !privateToOtherFile(d) && !this.macroOutOfReach(d, from, seen));
    if (reachable.length <= 1) return reachable[0];
    const sameDriver = (d: FunctionFacts) => this.visibility.sameDriver(d.file, from);
    return reachable.find((d) => !isStatic(d) && sameDriver(d)) ?? reachable.find((d) => seen.has(d.file))
      ?? reachable.find(sameDriver) ?? reachable.find((d) => dirOf(d.file) === dirOf(from));
  }

  /**
   * A header's macro that `from` cannot have included: not a header it sees, not its driver's, and not in its own,
   * parent or a sibling directory (where `#include <x.h>` with a driver's `-I` finds it). mlxsw's pci.c calls a
   * `DOORBELL()` that its `##` macro pastes into MLXSW_PCI_DOORBELL; qed's `DOORBELL()` is a writel().
   */
  private macroOutOfReach(d: FunctionFacts, from: string, seen: ReadonlySet<string>): boolean {
    if (!d.isMacro || seen.has(d.file) || this.visibility.sameDriver(d.file, from)) return false;
    const header = dirOf(d.file);
    const own = dirOf(from);
    return ![own, dirOf(own)].includes(header) && ![own, dirOf(own)].includes(dirOf(header));
  }

  /** Field name -> the functions whose text assigns it. */
  writersOf(): Map<string, FunctionFacts[]> {
    if (this.writersByField) return this.writersByField;
    const map = new Map<string, FunctionFacts[]>();
    for (const list of this.functions.values()) for (const fn of list) for (const field of fn.writtenFields) {
      const l = map.get(field);
      if (l) l.push(fn); else map.set(field, [fn]);
    }
    return (this.writersByField = map);
  }

  /** The functions whose text calls `name` (by name: which definition each call reaches is the caller's to ask). */
  callingFunctions(name: string): readonly FunctionFacts[] {
    if (!this.callersByName) {
      const map = new Map<string, FunctionFacts[]>();
      for (const list of this.functions.values()) for (const fn of list) for (const c of new Set(fn.calls)) {
        const l = map.get(c);
        if (l) l.push(fn); else map.set(c, [fn]);
      }
      this.callersByName = map;
    }
    return this.callersByName.get(name) ?? [];
  }
}

/** A `static` function (not a macro summarised as one). */
function isStatic(fn: FunctionFacts): boolean {
  return !fn.isMacro && /^\s*static\b/.test(fn.source?.text ?? '');
}

/** A macro or `static` function defined in a .c file: only that file (or one including it) can call it. */
function privateToOtherFile(fn: FunctionFacts): boolean {
  return !fn.file.endsWith('.h') && (fn.isMacro === true || isStatic(fn));
}
