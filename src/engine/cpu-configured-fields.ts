// A member of a device-memory struct the CPU configures itself and only reads back: every store to it in the driver
// (same struct type) is made while the device is set up (cold-path.ts: probe, resume, module init), at least one of a
// computed value (an address, a size: not a constant a device counter or status word is reset to), none a
// read-modify-write, and its name is no hand-over, status, position or count word (which a device moves). A value the
// CPU stored once and must keep across uses is one the device does not overwrite, so a plain load of it returns, in
// the CPU's byte order, what the CPU's own plain store put there: the byte-order defect is at that store.
import type { FunctionFacts } from '../analysis/facts';
import { structOf } from '../analysis/flow';
import type { ProjectIndex } from '../analysis/project-index';
import { constantValue } from './byte-order-free';
import { isCountingField } from './descriptor-words';
import { isColdPath } from './cold-path';

const memo = new WeakMap<object, Map<string, boolean>>();

/**
 * True when member `field` of `struct` is configured by the CPU in the driver of `file` (see the file comment).
 * `check`: an object living for one check (answers are kept only that long).
 */
export function cpuConfiguredField(index: ProjectIndex, file: string, struct: string, field: string, check: object): boolean {
  let seen = memo.get(check);
  if (!seen) { seen = new Map(); memo.set(check, seen); }
  const key = `${file}\u0000${struct}\u0000${field}`;
  let hit = seen.get(key);
  if (hit === undefined) { hit = configured(index, file, struct, field, check); seen.set(key, hit); }
  return hit;
}

function configured(index: ProjectIndex, file: string, struct: string, field: string, check: object): boolean {
  const layout = index.memberLayout(struct, field);
  if (isCountingField(field) || !layout?.bytes || layout.array || layout.pointer) return false;
  const writers = fieldWriters(index, file, field);
  if (!writers) return false;
  let stores = 0;
  let computed = false;
  for (const fn of writers) {
    for (const n of index.bodyOf(fn).cfg.nodes) {
      const e = n.event;
      if (e?.kind !== 'store' || e.viaCall || !new RegExp(`(?:->|\\.)\\s*${field}\\s*$`).test(e.targetText)) continue;
      const of = structOf(index, e.base, e.targetText, { fn, depth: 0 });
      if (of !== undefined && of !== struct) continue;
      // A store to a struct not known may be to this one: it must be an initialisation too, but proves nothing.
      if (e.op !== undefined || e.valueText === undefined || !isColdPath(index, fn, check)) return false;
      if (of === undefined) continue;
      stores++;
      if (constantValue(e.valueText, (name) => index.numericDefine(name, fn.file)) === undefined) computed = true;
    }
  }
  return stores > 0 && computed;
}

/**
 * The functions of the driver of `file` whose text writes a member named `field` (`->f =`, `.f |=`, `->f++`);
 * undefined when a macro of the driver writes one (its expansions are not known).
 */
function fieldWriters(index: ProjectIndex, file: string, field: string): FunctionFacts[] | undefined {
  const writes = new RegExp(`(?:->|\\.)\\s*${field}\\s*(?:\\[[^\\]\\n]*\\]\\s*)?(?:(?:[-+*/%&|^]|<<|>>)?=(?!=)|\\+\\+|--)|(?:\\+\\+|--)\\s*[\\w>.-]*(?:->|\\.)\\s*${field}\\b`);
  const out: FunctionFacts[] = [];
  for (const facts of index.allFiles()) {
    if (!index.sameDriver(facts.path, file)) continue;
    if (Object.values(facts.macros).some((m) => writes.test(m.body))) return undefined;
    for (const fn of facts.functions) {
      if (fn.source === undefined && fn.writtenFields.includes(field)) return undefined;
      if (!writes.test(fn.source?.text ?? '')) continue;
      if (fn.isMacro) return undefined;
      out.push(fn);
    }
  }
  return out;
}
