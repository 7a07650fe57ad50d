// Rule: memcpy/memset, a plain dereference or a struct access through a pointer from an ioremap-family mapping.
// P2PDMA memory and memremap() results are ordinary memory by design and are not flagged; per architecture only where
// the mapping's memory type faults on or mangles that access (the arch data's plainAccess: copies, and scalars by width
// and alignment).
import type { Arch } from '../arch';
import { mappingFact, PROFILES } from '../arch';
import { archesOf } from '../arch-mask';
import { reachMask } from '../pending';
import { lineOf, originText, via } from '../describe';
import type { Rule, RuleContext } from './rule';
import type { Origin } from '../../analysis/facts';
import type { FlowNode } from '../../analysis/flow';
import { sameStart, type FunctionFacts } from '../../analysis/facts';
import type { Finding } from '../findings';
import { constantLocal, storeIsByteOrderFree, type NameValue } from '../byte-order-free';
import { byteImageLocal } from '../byte-image';
import { cpuConfiguredField } from '../cpu-configured-fields';
import { usesAreByteOrderFree } from '../swap-equality';
import { eventFunction, eventInHelper } from '../event-in-helper';
import { ioAccessorAdvice } from '../barrier-dialect';
import { plainAccessFix } from '../iomem-fixes';
import { writesVariable } from '../../analysis/statement-shapes';

type Mapping = Origin & { kind: 'mapping' };
/**
 * What is known of one plain access: a copy (memcpy/memset), or a scalar of a width, possibly unaligned. `orderFree`:
 * the bytes it moves are right in either byte order (byte-order-free.ts, or a load whose value is only tested for zero).
 */
interface Access { copy: boolean; bytes?: number; packed?: boolean; be?: boolean; dir: 'load' | 'store'; orderFree?: boolean }

/**
 * Why `access` goes wrong through `o`'s memory type on `arch`, or undefined when that memory type takes it.
 * `builtFor`: the architectures the file is built for, when the build files say.
 */
function hazardOf(o: Origin, arch: Arch, access: Access, builtFor?: readonly Arch[]): string | undefined {
  if (o.kind !== 'mapping') return undefined;
  const fact = mappingFact(arch, o.memKind);
  const plain = fact?.plainAccess;
  if (!fact || !plain || fact.returnsNull) return undefined;
  if (access.copy) return `on ${arch} (${fact.memType}) ${plain.hazard} (${plain.cite})`;
  const scalar = plain.scalar;
  const width = access.bytes ? `${access.bytes}-byte ` : '';
  const native = scalar?.nativeWhenOnlyArch !== undefined && builtFor?.length === 1 && builtFor[0] === arch;
  // Width unknown: not reported (precision first; on the kernel these are mostly members of structs declared outside
  // the analysed tree).
  const multiByte = (access.bytes ?? 0) > 1;
  const applies = scalar?.when === 'multi-byte' ? multiByte && !access.be && !native && !access.orderFree : scalar?.when === 'unaligned' && multiByte && access.packed;
  return applies ? `on ${arch} (${fact.memType}) the ${width}${access.dir} ${scalar!.hazard} (${scalar!.cite})` : undefined;
}

/**
 * Why `access` goes wrong on `arch` whichever mapping the pointer comes from, citing the first: every origin's memory
 * type must go wrong on it (a mapping that returns NULL there, so no access through it happens, counts for none). A
 * pointer that is Device memory through one mapping and Normal-NC through another (octeontx2's mailbox `hwbase`:
 * `ioremap_wc()` for the AF, PFs and most VFs, the register BAR for a CN10K VF) is left alone on that arch, as a
 * pointer that is device memory on one path and ordinary memory on another is.
 */
function hazardous(origins: Origin[], arch: Arch, access: Access, builtFor?: readonly Arch[]): { origin: Mapping; why: string } | undefined {
  let first: { origin: Mapping; why: string } | undefined;
  for (const o of origins) {
    if (o.kind === 'mapping' && mappingFact(arch, o.memKind)?.returnsNull) continue;
    const why = hazardOf(o, arch, access, builtFor);
    if (!why) return undefined;
    first ??= { origin: o as Mapping, why };
  }
  return first;
}

function isIoremap(o: Origin): boolean {
  return o.kind === 'mapping' && !o.memKind.startsWith('memremap') && o.memKind !== 'ioport';
}

/**
 * Width and alignment of a plain access: from its text (a cast, a sized pointer local), else from the declaration of
 * the member it reads or writes (`regs->ctrl`), or of the member array or pointer it indexes (`d->sram[i]`, `*d->buf`).
 */
function accessOf(ctx: RuleContext, n: FlowNode): Access {
  const e = n.event as Extract<FlowNode['event'], { kind: 'load' | 'store' }>;
  const dir = e.kind;
  const copy = e.viaCall !== undefined && e.viaCall !== 'WRITE_ONCE';
  const text = e.kind === 'load' ? e.text : e.targetText;
  const field = e.kind === 'load' ? e.field : e.viaCall ? undefined : /(?:->|\.)\s*(\w+)\s*$/.exec(text)?.[1];
  const layout = field ? ctx.index?.memberLayout(n.struct, field) : undefined;
  if (field) return { copy, dir, bytes: e.bytes ?? layout?.bytes, packed: layout?.packed, be: !e.bytes && layout?.be };
  const holder = /(?:->|\.)\s*(\w+)\s*\[[^\]]*\]\s*$/.exec(text)?.[1] ?? /^\*\s*\(?\s*[\w.>-]*(?:->|\.)\s*(\w+)\s*\)?\s*$/.exec(text)?.[1];
  const held = holder ? ctx.index?.memberLayout(n.holder, holder) : undefined;
  const elements = held?.array || held?.pointer;
  // A pointer member of a packed struct may itself be unaligned, not what it points to; an array member's elements may.
  return { copy, dir, bytes: e.bytes ?? (elements ? held.bytes : undefined), packed: held?.array && held.packed, be: !e.bytes && elements && held.be };
}

/**
 * For an access inlined from a helper: where it is in the helper's file, and the chain of helpers to it. The access is
 * wrong wherever it runs, so where a helper of the chain reports it itself, that finding stands for this call
 * (check.ts `reportedInside`).
 */
function accessInHelper(ctx: RuleContext, n: FlowNode): Finding['at'] {
  const e = n.event;
  return e?.kind === 'load' || e?.kind === 'store' ? eventInHelper(ctx, n, e.span) : undefined;
}

/** Names in `fn`'s text: a numeric #define its file sees (the preprocessor's first), else a local set once to a constant. */
function namesIn(ctx: RuleContext, fn: FunctionFacts): NameValue {
  const params = fn.params.map((p) => p.name);
  return (name) => ctx.index?.numericDefine(name, fn.file) ?? (fn.source ? constantLocal(fn.source.text, name, params) : undefined);
}

/**
 * A load of a member the CPU configured itself at set-up and the device does not move (cpu-configured-fields.ts): it
 * reads back natively what a native store wrote; that store is where the byte order goes wrong.
 */
function cpuConfiguredLoad(ctx: RuleContext, n: FlowNode): boolean {
  const e = n.event;
  if (e?.kind !== 'load' || !e.field || !n.struct || !ctx.index || !/(?:->|\.)\s*\w+\s*$/.test(e.text)) return false;
  const file = eventFunction(ctx, n)?.file;
  return !!file && cpuConfiguredField(ctx.index, file, n.struct, e.field, ctx.flowOf ?? ctx.index);
}

/**
 * A load whose value only meets truth tests, log lines and equality tests with its own kind (swap-equality.ts), and
 * is copied only into memory of the CPU's: copied whole into an I/O mapping it would reach the device exactly (two
 * native accesses), but fixing that store alone with writew() would then swap it, so the load stays reported.
 */
function equalityOnlyLoad(ctx: RuleContext, n: FlowNode, bytes: number | undefined): boolean {
  const e = n.event;
  const fn = eventFunction(ctx, n);
  if (e?.kind !== 'load' || !e.uses || !bytes || !fn || !ctx.index) return false;
  if (!usesAreByteOrderFree(ctx.index, fn, e.uses, bytes, namesIn(ctx, fn), ctx.flowOf ?? ctx.index)) return false;
  return !e.uses.members.some((m) => ctx.flow.nodes.some((s) => s.event?.kind === 'store' && memberOf(s.event.targetText) === m && s.origins.some(isIoremap)));
}

function memberOf(targetText: string): string | undefined {
  return /(?:->|\.)\s*(\w+)\s*$/.exec(targetText)?.[1];
}

/**
 * Whether byte order cannot change what the access moves: a load only tested for zero (`while (tbl[i])`), only
 * compared for equality with its own kind (above), or of a member the CPU configured (above), or a store
 * of a constant whose bytes read the same reversed at its width (`*p = 0`, `= NO_PKT` defined 0x0000, a local
 * initialised to 0 and never written again), or a bytewise `&=`/`|=`/`^=` with one, or of a local filled byte-wise
 * through a narrower pointer from memory (byte-image.ts: xilinx_emaclite's `align_buffer`). `scalarCopy`: a memcpy() the
 * compiler turns into one scalar load (of its value's uses only).
 */
function byteOrderFree(ctx: RuleContext, n: FlowNode, bytes: number | undefined, scalarCopy = false): boolean {
  const e = n.event;
  if (e?.kind === 'load' && scalarCopy) return equalityOnlyLoad(ctx, n, bytes);
  if (e?.kind === 'load') return !e.viaCall && (e.truth === true || cpuConfiguredLoad(ctx, n) || equalityOnlyLoad(ctx, n, bytes));
  if (e?.kind !== 'store' || e.viaCall || !bytes) return false;
  const fn = eventFunction(ctx, n);
  if (!fn) return false;
  if (storeIsByteOrderFree(e.valueText, e.op, bytes, namesIn(ctx, fn))) return true;
  if (e.op === undefined && parameterValueFree(ctx, n, fn, e.valueText, bytes)) return true;
  const local = e.op === undefined && e.valueText !== undefined && fn.source ? e.valueText.trim() : undefined;
  return !!local && byteImageLocal(fn.source!.text, local, fn.params.map((p) => p.name), bytes, namesIn(ctx, fn));
}

/**
 * A store of a parameter's value, the parameter never written in the function (`*(volatile uint32_t *)reg = v` in a
 * doorbell helper): byte-order-free when the value passed there is. Inlined one call down, the argument of that call
 * (`db_write(bar + DB, htole32(1))`); in the helper checked on its own, the arguments of every call of it in the
 * analysed files (a helper no analysed code calls stays reported).
 */
function parameterValueFree(ctx: RuleContext, n: FlowNode, fn: FunctionFacts, valueText: string | undefined, bytes: number): boolean {
  const name = valueText?.trim();
  const at = name ? fn.params.findIndex((p) => p.name === name) : -1;
  if (at < 0 || !ctx.index || writesVariable(fn.source?.text ?? '', name!)) return false;
  const free = (args: readonly string[], caller: FunctionFacts) => args[at] !== undefined && storeIsByteOrderFree(args[at], undefined, bytes, namesIn(ctx, caller));
  if (n.chain.length === 1) {
    const call = ctx.index.bodyOf(ctx.flow.fn).cfg.nodes.find(({ event: e }) => e?.kind === 'call' && e.callee === fn.name && sameStart(e.span, n.site))?.event;
    return call?.kind === 'call' && free(call.argTexts, ctx.flow.fn);
  }
  if (n.chain.length > 1) return false;
  const calls = ctx.index.callsOf(fn);
  return calls.length > 0 && calls.every(({ caller, call }) => free(call.argTexts, caller));
}

/**
 * A memcpy() of one scalar through a pointer whose type aligns it (scalar-copy.ts), as the one naturally aligned
 * scalar access the compiler makes of it where the arch data's `scalarCopy` says so.
 */
function scalarCopyAccess(ctx: RuleContext, n: FlowNode): Access | undefined {
  const e = n.event;
  if ((e?.kind !== 'load' && e?.kind !== 'store') || !e.scalarCopy) return undefined;
  return { copy: false, dir: e.kind, bytes: e.scalarCopy, orderFree: byteOrderFree(ctx, n, e.scalarCopy, true) };
}

export const iomemPlainAccess: Rule = {
  id: 'iomem-plain-access',
  defaultSeverity: 'warning',
  summary: 'memcpy/memset or a plain dereference through an __iomem pointer from ioremap().',
  run(ctx) {
    const { flow } = ctx;
    for (let id = 0; id < flow.nodes.length; id++) {
      const n = flow.nodes[id];
      const e = n.event;
      if (e?.kind !== 'store' && e?.kind !== 'load') continue;
      const mask = ctx.mask & reachMask(flow, id); // an access only some targets compile (`if (IS_ENABLED(...))`)
      // Only when every place the pointer can come from is an I/O mapping: a pointer that is device memory on one
      // path and ordinary or DMA memory on another (a ring in a BAR on one chip, in coherent memory on the others)
      // is left alone; per architecture, so is one whose mappings' memory types differ in taking the access
      // (hazardous()).
      if (n.origins.length === 0 || !n.origins.every(isIoremap)) continue;
      // Device registers hold no C pointers: a pointer-typed field read through such a base is a struct in memory.
      const field = e.kind === 'load' ? e.field : e.viaCall ? undefined : /(?:->|\.)\s*(\w+)\s*$/.exec(e.targetText)?.[1];
      if (field && ctx.index?.isPointerField(field)) continue;
      // Only the architectures where this access goes wrong on the mapping's memory type: copies on Device,
      // cache-inhibited, UC and IO memory; a multi-byte scalar on big-endian powerpc64 (byte order); a possibly
      // unaligned scalar on arm64 Device and riscv IO memory. An aligned scalar on x86 UC takes effect as written.
      const plain = accessOf(ctx, n);
      const access = { ...plain, orderFree: !plain.copy && byteOrderFree(ctx, n, plain.bytes) };
      const scalar = scalarCopyAccess(ctx, n);
      const accessOn = (a: Arch): Access => (scalar && (PROFILES[a].scalarCopy?.maxBytes ?? 0) >= scalar.bytes! ? scalar : access);
      const found = archesOf(mask).map((a) => ({ a, h: hazardous(n.origins, a, accessOn(a), ctx.builtFor) })).filter((x) => x.h);
      if (!found.length) continue;
      const origin = found[0].h!.origin;
      const what = e.kind === 'store' ? `writes ${e.written ?? e.targetText}` : `reads ${e.written ?? e.text}`;
      const at = accessInHelper(ctx, n);
      const fix = plainAccessFix(flow, n, plain.bytes, plain.packed, ctx.lineText, isIoremap);
      ctx.report({
        file: flow.fn.file, span: n.site, arches: found.map((x) => x.a), fixes: fix ? [fix] : [], ...(at ? { at } : {}),
        message: `Line ${lineOf(n)}${via(n)} ${what} as plain memory, but it points into an I/O mapping (${originText(origin)}): ${found.map((x) => x.h!.why).join('; ')}. Use ${ioAccessorAdvice(flow, e.kind)}.`,
        related: [
          { file: origin.file, span: origin.span, message: `I/O mapping made here (${origin.api})` },
          ...(at ? [{ file: at.file, span: at.span, message: `the ${e.kind} itself, in ${n.chain[n.chain.length - 1]}()` }] : []),
        ],
      });
    }
  },
};
