// Pointer members whose address a call the analysis cannot see into receives (`ops->acquire(..., &ep->db)`): that call
// may store any memory there, so the member's origins are not all known.
import type { FunctionFacts } from './facts';
import type { FileVisibility } from './file-visibility';
import type { FunctionTable } from './function-lookup';
import type { StructDeclarations } from './struct-declarations';
import { ACCESSORS } from './vocabulary';
import { addressArguments, type Callee } from './address-arguments';

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
    for (const { callee, base, hops, field } of addressArguments(text)) {
      if (NOT_A_POINTER_STORE.test(callee.name) || ACCESSORS.has(callee.name)) continue;
      out.push({ callee, field, struct: hops.trim() ? undefined : structOf(base) });
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
