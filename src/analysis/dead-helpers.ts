// `static` helpers in a header that no file including the header uses (directly, through another helper or a macro):
// never compiled into code (sfc/io.h's efx_writeo(), whose only caller is in siena/, which includes siena/io.h).
import type { FileFacts, FunctionFacts } from './facts';
import type { FileVisibility } from './file-visibility';

const IDENTIFIER = /[A-Za-z_]\w*/g;

/** The identifiers a text names (a helper named only in a comment counts too: kept, never dropped by mistake). */
export function namesIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(IDENTIFIER)) out.add(m[0]);
  return out;
}

/** A helper that only its header's includers can call: `static` (or `static inline`) and defined in a header. */
export function isHeaderHelper(fn: FunctionFacts): boolean {
  return !fn.isMacro && fn.file.endsWith('.h') && /^\s*static\b/.test(fn.source?.text ?? '');
}

export class DeadHelpers {
  /** Header -> its helpers' names no includer uses (undefined: no analysed .c file includes the header). */
  private readonly byHeader = new Map<string, Set<string> | undefined>();
  private readonly names = new WeakMap<object, Set<string>>();

  constructor(private readonly files: Map<string, FileFacts>, private readonly visibility: FileVisibility) {}

  clearCaches(): void { this.byHeader.clear(); }

  /** True when `fn` is a header helper and the analysed files including its header never use it. */
  isDead(fn: FunctionFacts): boolean {
    if (!isHeaderHelper(fn)) return false;
    if (!this.byHeader.has(fn.file)) this.byHeader.set(fn.file, this.deadIn(fn.file));
    return this.byHeader.get(fn.file)?.has(fn.name) === true;
  }

  /** The header's helpers not reached from any root of the translation units including it. */
  private deadIn(header: string): Set<string> | undefined {
    const units = [...this.visibility.filesSeeing([header])].filter((f) => !f.endsWith('.h'));
    if (units.length === 0) return undefined;
    const seen = new Set<string>();
    for (const u of units) for (const f of this.visibility.visibleFiles(u)) seen.add(f);
    const files = [...seen].map((f) => this.files.get(f)).filter((f): f is FileFacts => f !== undefined);
    const live = this.liveNames(files);
    const pasted = pastedFragments(files);
    const helpers = this.files.get(header)?.functions.filter(isHeaderHelper) ?? [];
    return new Set(helpers.filter((h) => !live.has(h.name) && !pasted.some((p) => h.name.includes(p))).map((h) => h.name));
  }

  /**
   * Names reached from the roots (every function of a .c file or not a header helper, names outside function bodies)
   * through the bodies of header helpers and function-like macros of these files.
   */
  private liveNames(files: readonly FileFacts[]): Set<string> {
    const bodies = new Map<string, string[]>();
    const add = (name: string, text: string) => { const l = bodies.get(name); if (l) l.push(text); else bodies.set(name, [text]); };
    const live = new Set<string>();
    const queue: string[] = [];
    const reach = (names: Iterable<string>) => { for (const n of names) if (!live.has(n)) { live.add(n); queue.push(n); } };
    for (const f of files) {
      for (const m of Object.values(f.macros)) add(m.name, m.body);
      for (const fn of f.functions) {
        if (fn.isMacro || isHeaderHelper(fn)) add(fn.name, fn.source?.text ?? '');
        else reach(this.namesOf(fn, fn.source?.text ?? ''));
      }
      reach(f.namedOutside ?? []);
    }
    while (queue.length) for (const text of bodies.get(queue.pop()!) ?? []) reach(namesIn(text));
    return live;
  }

  private namesOf(key: object, text: string): Set<string> {
    let out = this.names.get(key);
    if (!out) { out = namesIn(text); this.names.set(key, out); }
    return out;
  }
}

/** The name parts function-like macros paste (`foo_##x`, `x##_read`): a helper whose name holds one may be called so. */
function pastedFragments(files: readonly FileFacts[]): string[] {
  const out = new Set<string>();
  for (const f of files) for (const m of Object.values(f.macros)) {
    if (!m.body.includes('##')) continue;
    for (const x of m.body.matchAll(/(\w+)\s*##|##\s*(\w+)/g)) { const part = x[1] ?? x[2]; if (part.length >= 3 && !m.params.includes(part)) out.add(part); }
  }
  return [...out];
}
