// The hand-over word by position: the last store to DMA memory before a constant kick of the device (a poll demand,
// `iowrite32(0, TXPDR)`), which tells a running device to go and read the descriptors, not up to where.
import type { FlowNode, FunctionFlow } from '../analysis/flow';
import { ACCESSORS } from '../analysis/vocabulary';
import { isControlWord, lastField, namesOwnershipValue } from './descriptor-words';
import { isDmaVisible, mmioAccessDir } from './ordering';
import { isInterruptRegisterWrite } from './interrupt-writes';
import { nameParts } from './name-parts';

/** Parts of a register's name that make a constant write to it a status acknowledgement or a setting, not a kick. */
const SETTING_PARTS: ReadonlySet<string> = new Set(['sts', 'status', 'stat', 'ack', 'clr', 'clear', 'mask', 'led', 'sel', 'select']);

function valueOf(n: FlowNode): string | undefined {
  const e = n.event;
  return e?.kind === 'access' || e?.kind === 'store' ? e.valueText : undefined;
}

/** A register read inside a written value (`ioread8(ioaddr + ChipCmd1) | Cmd1TxDemand`: a demand bit set in place). */
const REGISTER_READ = new RegExp(`\\b(?:${[...ACCESSORS].filter(([, a]) => a.dir === 'read').map(([name]) => name).join('|')})\\s*\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)`, 'g');

/**
 * A register write whose value names no variable or member (`0`, `TX_POLL`, `BIT(3) | GO`, `TxOn`): a name starting with
 * a capital is a constant, all capitals or the CamelCase enums of Becker's drivers; a register read is the register's
 * own bits, with a demand bit set into them (via-rhine's `Cmd1TxDemand`).
 */
function constantWrite(n: FlowNode): boolean {
  const value = valueOf(n);
  if (mmioAccessDir(n) !== 'write' || value === undefined) return false;
  const rest = value
    .replace(REGISTER_READ, '')
    .replace(/\b0x[0-9a-f]+[ul]*\b|\b\d+[ul]*\b/gi, '')
    .replace(/\b(BIT|BIT_ULL|GENMASK|GENMASK_ULL|cpu_to_le32|cpu_to_le16|cpu_to_be32|cpu_to_be16)\s*\(/g, '(')
    .replace(/\b[A-Z]\w*\b/g, '');
  return !/[A-Za-z_]\w*/.test(rest);
}

/**
 * An interrupt register write (interrupt-writes.ts), or a write to a register named as a status, mask or select
 * register (`&regs->ep_sts`, `base + LED_CTRL`): an acknowledgement or a setting.
 */
function acknowledges(n: FlowNode): boolean {
  const e = n.event;
  if (isInterruptRegisterWrite(n, '')) return true;
  const addr = e?.kind === 'access' ? e.addrText : e?.kind === 'store' ? e.targetText : '';
  const name = /([A-Za-z_]\w*)\W*$/.exec(addr)?.[1] ?? '';
  return nameParts(name).some((p) => SETTING_PARTS.has(p));
}

/** A constant write to a register that is not named as a status or interrupt register: a kick. */
export function isConstantKick(n: FlowNode): boolean {
  return constantWrite(n) && !acknowledges(n);
}

function dmaStore(n: FlowNode): boolean {
  return n.event?.kind === 'store' && n.origins.some(isDmaVisible);
}

/**
 * A store that may hand a descriptor over: a new value for a control or status word. Not a clear (`= 0`, `&= ~x`), and
 * not a change to the word's old value (`|= IRQ`, `= (w & CYCLE) | LINK`) unless what it sets names a hand-over bit.
 */
function mayHandOver(n: FlowNode): boolean {
  const e = n.event;
  if (e?.kind !== 'store' || e.viaCall || e.op === '&=') return false;
  const value = e.valueText ?? '';
  if (/^\s*(\w+\s*\()?\s*0+[ul]*\s*\)?\s*$/i.test(value)) return false;
  const modifies = e.op !== undefined || value.replace(/\s+/g, '').includes(e.targetText.replace(/\s+/g, ''));
  if (modifies && !namesOwnershipValue(value)) return false;
  return isControlWord(lastField(e.targetText));
}

/**
 * The DMA stores that may hand a descriptor over after which some path meets a kick before any other DMA store, other
 * register write or call that may itself hand memory over: on that path the store is the last word the device finds
 * written when it goes looking. Each with the kick.
 */
export function lastStoresBeforeKick(flow: FunctionFlow): Map<number, number> {
  const kicks = new Map<number, number>();
  const stores = flow.nodes.flatMap((n, id) => (dmaStore(n) && mayHandOver(n) ? [id] : []));
  if (stores.length === 0 || !flow.nodes.some(isConstantKick)) return kicks;
  for (const id of stores) {
    const kick = firstKickAfter(flow, id);
    if (kick !== undefined) kicks.set(id, kick);
  }
  return kicks;
}

function firstKickAfter(flow: FunctionFlow, from: number): number | undefined {
  const seen = new Set<number>();
  const stack = [...flow.nodes[from].succ];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || id === from) continue;
    seen.add(id);
    const n = flow.nodes[id];
    if (isConstantKick(n)) return id;
    const write = mmioAccessDir(n) === 'write';
    if (dmaStore(n) || n.handsOver || (write && !(constantWrite(n) && acknowledges(n)))) continue;
    stack.push(...n.succ);
  }
  return undefined;
}
