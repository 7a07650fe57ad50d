// Pointer members whose address a call the analysis cannot see into receives (`ops->acquire(..., &ep->db)`): that call
// may store any memory there, so the member's origins are not all known.
import type { FunctionFacts } from './facts';
import type { FileVisibility } from './file-visibility';
import type { FunctionTable } from './function-lookup';
import type { StructDeclarations } from './struct-declarations';
import { ACCESSORS } from './vocabulary';

/**
 * `&p->f` / `&p.f` / `&p->a[i].f` ending an argument (followed by `,` or `)`): the base variable, the hops between
 * (empty for `&p->f`) and the field are captured.
 */
const ADDRESS_ARGUMENT = /&\s*\(?\s*([A-Za-z_]\w*)((?:\s*(?:->|\.)\s*\w+|\s*\[[^\]\n]*\])*)\s*(?:->|\.)\s*([A-Za-z_]\w*)\s*\)?\s*(?=[,)])/g;

/**
 * Calls whose pointer arguments do not receive another pointer: statements, clearing, DMA allocation's handle, and
 * MMIO accessors (vocabulary `ACCESSORS`: `readl(&regs->ctrl)` reads a register of an overlay struct).
 */
const NOT_A_POINTER_STORE = /^(?:if|while|for|switch|return|sizeof|typeof|__typeof__|memset|memzero_explicit|dma_alloc_\w+|dmam_alloc_\w+|dma_pool_\w*alloc)$/;

/** One `&x->field` handed to a call: the call, the field and, when known, the struct type of `x`. */
interface Passed { callee: Callee; field: string; struct?: string }

/** One `&x->field` handed to a call that may store a pointer there: the function doing it and the struct type of `x`. */
interface Escape { fn: FunctionFacts; struct?: string }

export class EscapedMembers {
  /** Field name -> where `&x->field` is passed to a call that may store a pointer there. */
  private byField?: Map<string, Escape[]>;
  /** Per function, what its text passes (kept across edits: an edited function is a new object). */
  private passedMemo = new WeakMap<FunctionFacts, Passed[]>();

  constructor(private readonly visibility: FileVisibility, private readonly functions: FunctionTable, private readonly decls: StructDeclarations) {}

  /** Drops the index (the functions changed; each function's own scan is kept with it). */
  clearCaches(): void { this.byField = undefined; }

  /**
   * True when some function of the driver of `file` passes the address of member `field` to such a call, of a struct
   * of type `struct` when both types are known (`&ctx->base` of a cipher context says nothing of `priv->base`).
   */
  addressPassed(file: string, field: string, struct?: string): boolean {
    const type = this.decls.canon(struct);
    return (this.scan().get(field) ?? []).some((e) => this.visibility.sameDriver(e.fn.file, file) && (!type || !e.struct || this.decls.canon(e.struct) === type));
  }

  private scan(): Map<string, Escape[]> {
    if (this.byField) return this.byField;
    const map = new Map<string, Escape[]>();
    for (const list of this.functions.functions.values()) for (const fn of list) {
      for (const { callee, field, struct } of this.passed(fn)) {
        if (this.seenInto(callee, fn.file)) continue;
        const l = map.get(field);
        if (!l) map.set(field, [{ fn, struct }]); else l.push({ fn, struct });
      }
    }
    return (this.byField = map);
  }

  /** The member addresses `fn`'s text passes to calls other than statements, clearing, allocations and accessors. */
  private passed(fn: FunctionFacts): Passed[] {
    let out = this.passedMemo.get(fn);
    if (out) return out;
    out = [];
    const text = fn.source?.text ?? '';
    const structs = new Map<string, string | undefined>(); // variableStruct() by name, within this text
    const structOf = (name: string) => {
      if (!structs.has(name)) structs.set(name, variableStruct(fn, text, name));
      return structs.get(name);
    };
    if (text.includes('&')) for (const m of text.matchAll(ADDRESS_ARGUMENT)) {
      const callee = calleeBefore(text, m.index!);
      if (!callee || NOT_A_POINTER_STORE.test(callee.name) || ACCESSORS.has(callee.name)) continue;
      out.push({ callee, field: m[3], struct: m[2].trim() ? undefined : structOf(m[1]) });
    }
    this.passedMemo.set(fn, out);
    return out;
  }

  /**
   * A direct call of a function the analysed files define (altera-msgdma's `request_and_map(..., &mdev->desc, ...)`
   * storing a `devm_ioremap()`): what it stores is code the analysis sees, as with any other member write, not
   * memory from elsewhere. Calls through a pointer (`ops->f`, `(*fn)`) and of functions or macros defined nowhere
   * in the analysed files are not.
   */
  private seenInto(callee: Callee, file: string): boolean {
    return !callee.throughPointer && this.functions.lookupFunction(callee.name, file) !== undefined;
  }
}

/** The struct type of variable `name` in `fn`: a parameter's, else a local declared `struct T *name` or `struct T name`. */
function variableStruct(fn: FunctionFacts, text: string, name: string): string | undefined {
  const param = fn.params.find((p) => p.name === name)?.type;
  if (param) return param;
  return new RegExp(String.raw`\bstruct\s+(\w+)\s*\**\s*${name}\s*[;=,\[)]`).exec(text)?.[1];
}

/** The function a call names, and whether it is reached through a pointer (`ops->f(`, `ops.f(`, `(*f)(`). */
interface Callee { name: string; throughPointer: boolean }

const SPACE = /\s/;
const isWordChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
const isIdentStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';

/**
 * What `/(->|\.|\*\s*)?\s*([A-Za-z_]\w*)\s*(\))?\s*$/` finds in `text.slice(lo, hi)` (the name a call's `(` follows,
 * through a pointer when after `->`, `.`, `*` or before a `)`), read backwards from `hi`: the end-anchored regex tried
 * every start position of the slice and was the largest single cost of the escaped-member scan.
 */
function calleeEndingAt(text: string, lo: number, hi: number): Callee | undefined {
  let end = hi;
  while (end > lo && SPACE.test(text[end - 1])) end--;
  let paren = false;
  if (end > lo && text[end - 1] === ')') { paren = true; end--; while (end > lo && SPACE.test(text[end - 1])) end--; }
  let run = end;
  while (run > lo && isWordChar(text[run - 1])) run--;
  let start = run;
  while (start < end && !isIdentStart(text[start])) start++;
  if (start === end) return undefined;
  if (start > run) return { name: text.slice(start, end), throughPointer: paren }; // `1abc`: the name starts after digits
  let blank = run;
  while (blank > lo && SPACE.test(text[blank - 1])) blank--;
  const before = blank > lo ? text[blank - 1] : '';
  const pointer = before === '.' || before === '*' || (before === '>' && blank - 2 >= lo && text[blank - 2] === '-');
  return { name: text.slice(run, end), throughPointer: pointer || paren };
}

/** The call whose unclosed `(` encloses position `at` (`f`, `ops->f`, `(*ops->f)`); undefined when none. */
function calleeBefore(text: string, at: number): Callee | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(' && depth-- === 0) {
      return calleeEndingAt(text, Math.max(0, i - 80), i);
    }
    else if ((c === ';' || c === '{' || c === '}') && depth === 0) return undefined;
  }
  return undefined;
}
