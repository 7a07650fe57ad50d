// When a plain load's byte order cannot change what the driver does with its value (iomem-plain-access on big-endian
// powerpc64): the value (directly or through a local no narrower than the load) is only a truth value, a log argument,
// compared `==`/`!=` with a constant whose bytes read the same reversed, or with a host member that only ever holds
// such loads and such constants. A byte swap is a bijection, so two swapped values are equal exactly when the values
// the device holds are: `tempFract == testTable[vci]->fract`, where `fract` only ever receives `tempFract` or 0.
import type { FunctionFacts } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import type { ValueUses } from '../analysis/value-uses';
import { constantLocal, constantValue, samePerByteOrder, type NameValue } from './byte-order-free';

const memo = new WeakMap<object, Map<string, boolean>>();
/** Per project index: the members a decision read the driver's mentions of (project.ts drops cached findings on change). */
const watched = new WeakMap<object, Set<string>>();

/** Members whose mentions some decision depended on: a function whose mentions of one change invalidates findings. */
export function watchedMembers(index: object): ReadonlySet<string> {
  return watched.get(index) ?? new Set();
}

/** What decisions here see of functions' texts: their mentions of `members`, with any constant stored (for comparison). */
export function memberMentions(texts: readonly string[], members: ReadonlySet<string>): string {
  const out: string[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/(?:->|\.)\s*(\w+)\b(\s*=(?!=)\s*[^;,{}]*)?/g)) if (members.has(m[1])) out.push(`${m[1]}${m[2]?.replace(/\s+/g, '') ?? ''}`);
  }
  return out.sort().join('\n');
}

/**
 * True when a `bytes`-wide load in `fn` whose value goes only where `uses` says gives the same results in either byte
 * order. `check`: an object living for one check (member answers are kept only that long).
 */
export function usesAreByteOrderFree(index: ProjectIndex, fn: FunctionFacts, uses: ValueUses, bytes: number, names: NameValue, check: object): boolean {
  if (uses.local !== undefined && (uses.localBytes ?? 0) < bytes) return false; // a narrower local keeps the wrong byte
  if (!uses.constants.length && !uses.members.length) return true;
  if (uses.othersWrite && uses.members.length) return false; // the local may carry a value of another origin into them
  if (!uses.constants.every((c) => palindrome(c, bytes, names))) return false;
  const counts = new Map<string, number>();
  for (const m of uses.members) counts.set(m, (counts.get(m) ?? 0) + 1);
  let seen = watched.get(index);
  if (!seen) { seen = new Set(); watched.set(index, seen); }
  for (const m of counts.keys()) seen.add(m);
  return [...counts].every(([member, own]) => holdsOnlySwapped(index, fn, member, own, bytes, check));
}

function palindrome(text: string, bytes: number, names: NameValue): boolean {
  const v = constantValue(text, names);
  return v !== undefined && samePerByteOrder(v, bytes);
}

/**
 * Member `member` (of any struct: matched by name) holds only values of such loads: declared at least `bytes` wide
 * (a scalar), and every mention of it in the driver (its files and the local headers `fn`'s file includes) is either a store of a byte-palindromic constant, or one of the
 * `own` uses the analysis found in `fn` (compared with, or given, the local). No macro of the driver names it.
 */
function holdsOnlySwapped(index: ProjectIndex, fn: FunctionFacts, member: string, own: number, bytes: number, check: object): boolean {
  let seen = memo.get(check);
  if (!seen) { seen = new Map(); memo.set(check, seen); }
  const key = `${fn.file}\u0000${fn.name}\u0000${member}\u0000${own}\u0000${bytes}`;
  let hit = seen.get(key);
  if (hit === undefined) { hit = mentionsAllowed(index, fn, member, own, bytes); seen.set(key, hit); }
  return hit;
}

function mentionsAllowed(index: ProjectIndex, fn: FunctionFacts, member: string, own: number, bytes: number): boolean {
  if (!/^\w+$/.test(member)) return false;
  const mention = new RegExp(`(?:->|\\.)\\s*${member}\\b`, 'g');
  let declared = false;
  for (const facts of index.allFiles()) {
    if (!index.declaresFor(facts.path, fn.file)) continue;
    // Every struct of the driver declaring it declares a scalar at least as wide as the load (no truncation).
    for (const [struct, members] of Object.entries(facts.structs)) {
      if (!(member in members)) continue;
      const layout = index.memberLayout(struct, member);
      if (!layout?.bytes || layout.bytes < bytes || layout.array || layout.pointer) return false;
      declared = true;
    }
    if (Object.values(facts.macros).some((m) => new RegExp(mention.source).test(m.body))) return false;
    for (const other of facts.functions) {
      const text = other.source?.text;
      if (text === undefined) { if (other.writtenFields.includes(member)) return false; continue; }
      const names = namesOf(index, other);
      let left = other === fn || (other.file === fn.file && other.name === fn.name) ? own : 0;
      for (const m of text.matchAll(mention)) {
        if (storesPalindrome(text.slice(m.index! + m[0].length), bytes, names)) continue;
        if (--left < 0) return false;
      }
      if (left !== 0) return false;
    }
  }
  return declared;
}

/** `rest` (the text after a member) is `= <constant>;` (or `,`/`}` closing an initialiser) with a byte-palindromic value. */
function storesPalindrome(rest: string, bytes: number, names: NameValue): boolean {
  const m = /^\s*=(?!=)\s*([^;,{}]*?)\s*[;,}]/.exec(rest);
  return !!m && palindrome(m[1], bytes, names);
}

function namesOf(index: ProjectIndex, fn: FunctionFacts): NameValue {
  const params = fn.params.map((p) => p.name);
  return (name) => index.numericDefine(name, fn.file) ?? (fn.source ? constantLocal(fn.source.text, name, params) : undefined);
}
