// Quick fixes for iomem-plain-access in kernel code: the I/O accessor a plain access through an ioremap() pointer
// should be (Documentation/driver-api/device-io.rst:62-66; pci_iomap() pointers take ioreadX/iowriteX, lib/iomap.c).
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { sameStart, type Origin } from '../analysis/facts';
import type { Fix } from './findings';
import { renameCall } from './fixes';
import { dialectOf } from './barrier-dialect';

/** A copy call and the I/O copy that replaces it, by the side the device memory is on. */
const COPY_FIXES: Record<string, { store?: string; load?: string }> = {
  memcpy: { store: 'memcpy_toio', load: 'memcpy_fromio' },
  memmove: { store: 'memcpy_toio', load: 'memcpy_fromio' }, // device memory and RAM never overlap
  memset: { store: 'memset_io' },
};

/** Scalar accessors by width: ioremap() pointers take readX/writeX, pci_iomap() ones (MMIO or port I/O) ioreadX/iowriteX. */
const SCALAR_ACCESSORS: Record<'mmio' | 'iomap', Record<number, { read: string; write: string }>> = {
  mmio: { 1: { read: 'readb', write: 'writeb' }, 2: { read: 'readw', write: 'writew' }, 4: { read: 'readl', write: 'writel' }, 8: { read: 'readq', write: 'writeq' } },
  iomap: { 1: { read: 'ioread8', write: 'iowrite8' }, 2: { read: 'ioread16', write: 'iowrite16' }, 4: { read: 'ioread32', write: 'iowrite32' } },
};

const IOMAP_CALLS = /^(?:pcim?_iomap|pci_iomap_range|pci_iomap_wc|pci_iomap_wc_range|pcim_iomap_regions?|ioport_map|devm_ioport_map)$/;

type LineText = (file: string, line: number) => string | undefined;
type Access = Extract<FlowNode['event'], { kind: 'load' | 'store' }>;

/**
 * The fix for a plain access reported by iomem-plain-access, when one is obvious: the access is in this function
 * (not an inlined helper's), in kernel code, and either a memcpy()/memmove()/memset() whose other side is not device
 * memory too, or an aligned scalar of a known width written whole (`p->reg = v`) or read as an expression.
 */
export function plainAccessFix(flow: FunctionFlow, n: FlowNode, bytes: number | undefined, packed: boolean | undefined, lineText: LineText, isIo: (o: Origin) => boolean): Fix | undefined {
  const e = n.event;
  if ((e?.kind !== 'load' && e?.kind !== 'store') || n.chain.length > 0 || dialectOf(flow) !== 'kernel') return undefined;
  if (e.viaCall) return copyFix(flow, n, e, lineText, isIo);
  if (!bytes || packed || e.scalarCopy) return undefined;
  const table = n.origins.every((o) => o.kind === 'mapping' && IOMAP_CALLS.test(o.api)) ? 'iomap' : n.origins.some((o) => o.kind === 'mapping' && IOMAP_CALLS.test(o.api)) ? undefined : 'mmio';
  const accessor = table && SCALAR_ACCESSORS[table][bytes];
  if (!accessor) return undefined;
  return e.kind === 'store' ? storeFix(flow.fn.file, e, accessor.write, lineText) : loadFix(flow.fn.file, e, accessor.read, lineText);
}

function copyFix(flow: FunctionFlow, n: FlowNode, e: Access, lineText: LineText, isIo: (o: Origin) => boolean): Fix | undefined {
  const to = COPY_FIXES[e.viaCall!]?.[e.kind];
  const head = lineText(flow.fn.file, n.site.start.line)?.slice(n.site.start.character); // the call may span lines
  if (!to || !head?.startsWith(e.viaCall!)) return undefined;
  const other = flow.nodes.find((m) => m !== n && m.event?.kind !== e.kind && (m.event?.kind === 'load' || m.event?.kind === 'store') && m.event.viaCall === e.viaCall && sameStart(m.site, n.site));
  if (other && other.origins.length > 0 && other.origins.every(isIo)) return undefined; // device to device: no one accessor
  return renameCall(flow.fn.file, n, e.viaCall!, to, `Use ${to}()`, true);
}

/** `lhs = value` on one line, not a compound assignment: `writel(value, &lhs)` (`*p = v`: `writel(v, p)`). */
function storeFix(file: string, e: Access & { kind: 'store' }, write: string, lineText: LineText): Fix | undefined {
  if (e.op !== undefined) return undefined;
  const text = spanText(file, e.span, lineText);
  const target = e.written ?? e.targetText; // as written: `d->data[3]`, not the array member the flow stores to
  if (!text?.startsWith(target)) return undefined;
  const value = /^\s*=\s*([^=][\s\S]*)$/.exec(text.slice(target.length))?.[1]?.trim();
  if (!value) return undefined;
  return replaceSpan(file, e.span, `${write}(${value}, ${addressOf(target)})`, `Use ${write}()`);
}

/**
 * A load expression on one line that is only read: `readl(&expr)` in its place. Not the target of an assignment or an
 * increment (`p->n += 2`, `++p->n`: that is a read-modify-write the store's fix cannot express either).
 */
function loadFix(file: string, e: Access & { kind: 'load' }, read: string, lineText: LineText): Fix | undefined {
  const line = lineText(file, e.span.start.line);
  const text = spanText(file, e.span, lineText);
  if (line === undefined || text === undefined || text !== (e.written ?? e.text)) return undefined;
  const before = line.slice(0, e.span.start.character);
  const after = line.slice(e.span.end.character);
  if (/(?:\+\+|--)\s*$/.test(before) || /^\s*(?:\+\+|--|(?:<<|>>|[-+*/%&|^])?=(?!=))/.test(after)) return undefined;
  return replaceSpan(file, e.span, `${read}(${addressOf(text)})`, `Use ${read}()`);
}

/** The address of an lvalue: `&d->r->ctrl`, `&p[2]`; `p` for `*p`, `(u16 *)(b + 4)` for `*(u16 *)(b + 4)`. */
function addressOf(lvalue: string): string {
  const t = lvalue.trim();
  return t.startsWith('*') ? t.slice(1).trim() : `&${t}`;
}

function spanText(file: string, span: FlowNode['site'], lineText: LineText): string | undefined {
  if (span.start.line !== span.end.line) return undefined;
  return lineText(file, span.start.line)?.slice(span.start.character, span.end.character);
}

function replaceSpan(file: string, span: FlowNode['site'], newText: string, title: string): Fix {
  return { title, preferred: true, edits: [{ file, span, newText }] };
}
