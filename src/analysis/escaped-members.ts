// Pointer members whose address a call receives (`ops->acquire(..., &ep->db)`): that call may store any memory there,
// and origin resolution does not follow stores through a pointer argument, so the member's origins are not all known.
import type { FunctionFacts } from './facts';
import type { FileVisibility } from './file-visibility';
import type { FunctionTable } from './function-lookup';

/** `&p->f` / `&p.f` / `&p->a[i].f` ending an argument (followed by `,` or `)`): the field is captured. */
const ADDRESS_ARGUMENT = /&\s*\(?\s*[A-Za-z_]\w*(?:\s*(?:->|\.)\s*\w+|\s*\[[^\]\n]*\])*\s*(?:->|\.)\s*([A-Za-z_]\w*)\s*\)?\s*(?=[,)])/g;

/**
 * Calls whose pointer arguments do not receive another pointer: statements, clearing, DMA allocation's handle, and
 * MMIO accessors (`readl(&regs->ctrl)` reads a register of an overlay struct; it stores no pointer there).
 */
const NOT_A_POINTER_STORE = new RegExp([
  String.raw`^(?:if|while|for|switch|return|sizeof|typeof|__typeof__|memset|memzero_explicit)$`,
  String.raw`^(?:dma_alloc_\w+|dmam_alloc_\w+|dma_pool_\w*alloc)$`,
  String.raw`^(?:__raw_)?(?:read|write)[bwlq](?:_relaxed|_be)?$`,
  String.raw`^io(?:read|write)(?:8|16|32|64)(?:be)?(?:_rep)?$`,
].join('|'));

export class EscapedMembers {
  /** Field name -> functions passing `&x->field` to a call that may store a pointer there. */
  private byField?: Map<string, FunctionFacts[]>;

  constructor(private readonly visibility: FileVisibility, private readonly functions: FunctionTable) {}

  /** Drops the scan (the functions changed). */
  clearCaches(): void { this.byField = undefined; }

  /** True when some function of the driver of `file` passes the address of member `field` to such a call. */
  addressPassed(file: string, field: string): boolean {
    return (this.scan().get(field) ?? []).some((fn) => this.visibility.sameDriver(fn.file, file));
  }

  private scan(): Map<string, FunctionFacts[]> {
    if (this.byField) return this.byField;
    const map = new Map<string, FunctionFacts[]>();
    for (const list of this.functions.functions.values()) for (const fn of list) {
      const text = fn.source?.text ?? '';
      if (!text.includes('&')) continue;
      for (const m of text.matchAll(ADDRESS_ARGUMENT)) {
        const callee = calleeBefore(text, m.index!);
        if (!callee || NOT_A_POINTER_STORE.test(callee)) continue;
        const l = map.get(m[1]);
        if (!l) map.set(m[1], [fn]); else if (!l.includes(fn)) l.push(fn);
      }
    }
    return (this.byField = map);
  }
}

/** The name before the unclosed `(` that encloses position `at` (`f`, `ops->f`, `(*ops->f)`); undefined when none. */
function calleeBefore(text: string, at: number): string | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(' && depth-- === 0) return /([A-Za-z_]\w*)\s*\)?\s*$/.exec(text.slice(Math.max(0, i - 80), i))?.[1];
    else if ((c === ';' || c === '{' || c === '}') && depth === 0) return undefined;
  }
  return undefined;
}
