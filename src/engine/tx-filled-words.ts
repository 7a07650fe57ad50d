// When a word of a transmit descriptor is the CPU's: the driver fills that member of the same ring with data when it
// queues a packet (fealnx's TX `control`, mwl8k's `qos_control`), so a read of it after the status test returns the
// value this CPU stored; the device of a transmit ring writes back only its status words.
import type { FlowNode } from '../analysis/flow';
import type { FunctionFacts } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { dmaSites } from './descriptor-acquired';
import { isStatusNamed, isTxContext, lastField, namesOwnershipValue } from './descriptor-words';
import { isDmaVisible, originSite } from './ordering';
import type { RuleContext } from './rules/rule';

const memo = new WeakMap<ProjectIndex, { revision: number; answers: Map<string, boolean> }>();
/** More writers of one member than this are not read (a flow each): the word is left the device's. */
const MAX_WRITERS = 32;

/**
 * True when `n`, a load of member `field` of coherent DMA memory, reads a transmit descriptor (by the names of the
 * descriptor, the local it was assigned from, the helpers or the function) and the driver stores data into that member
 * of the same memory (one of the load's allocation sites): a value that is not zero, by `=` or `|=`, and no store of
 * it names a hand-over bit. A word the CPU only clears (`misc = 0`) is one the device writes back, and so is one it
 * hands over with (`ctrl = DESC_OWN | len`).
 */
export function txWordFilledByCpu(ctx: RuleContext, n: FlowNode, key: string): boolean {
  const { index, flowOf } = ctx;
  const field = n.event?.kind === 'load' ? n.event.field : undefined;
  if (!index || !flowOf || !field || isStatusNamed(field)) return false;
  const path = n.event?.kind === 'load' ? n.event.text.replace(/(?:->|\.)\s*\w+\s*$/, '') : key;
  if (!isTxContext(`${path} ${descriptorSources(ctx, n, key)} ${n.chain.join(' ')} ${ctx.flow.fn.name}`)) return false;
  const sites = dmaSites(n);
  if (sites.size === 0) return false;
  let entry = memo.get(index);
  if (entry?.revision !== index.revision) { entry = { revision: index.revision, answers: new Map() }; memo.set(index, entry); }
  const k = `${ctx.flow.fn.file}\u0000${field}\u0000${n.struct ?? ''}\u0000${[...sites].sort().join('\u0001')}`;
  let hit = entry.answers.get(k);
  if (hit === undefined) { hit = filledByCpu(index.writersInDriver(ctx.flow.fn.file, field), flowOf, field, n.struct, sites); entry.answers.set(k, hit); }
  return hit;
}

/** Whether the writers' stores into `field` of memory at `sites` fill it with data and never hand it over. */
function filledByCpu(writers: readonly FunctionFacts[], flowOf: NonNullable<RuleContext['flowOf']>, field: string, struct: string | undefined, sites: ReadonlySet<string>): boolean {
  if (writers.length > MAX_WRITERS) return false;
  let filled = false;
  for (const writer of writers) {
    for (const s of flowOf(writer).nodes) {
      const e = s.event;
      if (e?.kind !== 'store' || e.viaCall || lastField(e.targetText) !== field) continue;
      if (struct && s.struct && s.struct !== struct) continue;
      if (!s.origins.some((o) => isDmaVisible(o) && sites.has(originSite(o)))) continue;
      const value = e.valueText ?? '';
      if (namesOwnershipValue(value)) return false;
      if ((e.op === undefined || e.op === '|=') && value && !isZero(value)) filled = true;
    }
  }
  return filled;
}

/** `0`, `0x0`, `cpu_to_le32(0)`, `(u32)0`: a clear, which leaves the word for the device to write. */
function isZero(value: string): boolean {
  const t = value.replace(/\s+/g, '').replace(/\((?:u|s|__le|__be)(?:8|16|32|64)\)/g, '').replace(/(?:__)?cpu_to_(?:le|be)(?:16|32|64)/g, '').replace(/[()]/g, '');
  return /^(?:0[xX]0*|0+)[uUlL]*$/.test(t);
}

/**
 * The values the descriptor's local was assigned in the function the load is in (`next = np->cur_tx->next_desc_logical`):
 * their names say which ring the local walks.
 */
function descriptorSources(ctx: RuleContext, n: FlowNode, key: string): string {
  const local = /^(?:\d+:)?([A-Za-z_]\w*)$/.exec(key)?.[1];
  if (!local) return '';
  const helper = n.chain.length ? ctx.index?.lookupFunction(n.chain[n.chain.length - 1], ctx.flow.fn.file) : ctx.flow.fn;
  const text = helper?.source?.text ?? '';
  return [...text.matchAll(new RegExp(`\\b${local}\\s*=(?!=)([^;]*);`, 'g'))].map((m) => m[1]).join(' ');
}
