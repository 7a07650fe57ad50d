// Every analysed function by name: which definition a call in a given file reaches, callers, writers of each field.
import type { FileFacts, FunctionFacts, MacroFacts } from './facts';
import { dirOf, type FileVisibility } from './file-visibility';

export class FunctionTable {
  readonly functions = new Map<string, FunctionFacts[]>();
  readonly callers = new Map<string, number>();
  /** File -> function name -> the definition a call there reaches (lookupFunction; dropped when functions change). */
  private readonly lookups = new Map<string, Map<string, FunctionFacts | undefined>>();
  /** Field name -> functions whose text assigns it (built on first use). */
  private writersByField?: Map<string, FunctionFacts[]>;
  /** Function name -> functions whose text calls it (built on first use). */
  private callersByName?: Map<string, FunctionFacts[]>;

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

  /** What lookupFunction answers, computed. */
  private findDefinition(name: string, from: string): FunctionFacts | undefined {
    const defs = this.functions.get(name);
    if (!defs) return undefined;
    const seen = this.visibility.visibleFiles(from);
    const own = defs.find((d) => d.file === from) ?? defs.find((d) => seen.has(d.file) && !isStatic(d));
    if (own) return own;
    for (const f of seen) { const macros = this.files.get(f)?.macros; if (macros && Object.hasOwn(macros, name)) return undefined; }
    const reachable = defs.filter((d) => !privateToOtherFile(d));
    if (reachable.length <= 1) return reachable[0];
    const sameDriver = (d: FunctionFacts) => this.visibility.sameDriver(d.file, from);
    return reachable.find((d) => !isStatic(d) && sameDriver(d)) ?? reachable.find((d) => seen.has(d.file))
      ?? reachable.find(sameDriver) ?? reachable.find((d) => dirOf(d.file) === dirOf(from));
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
