// What a flow node says about tracked variables, named as the analysed function sees them: a branch condition taken,
// a write (a store, an assignment of a tracked local), a call left opaque that may write through its arguments, a
// pointer handed on. src/engine/path-values.ts follows these facts along paths.
import type { CfgNode, Event, FunctionFacts } from './facts';
import { mayChange } from './call-guards';
import { KEY_PATH, rootOf, writtenValue } from './tracked-values';
import { textMemo } from './text-memo';

export type PathFact =
  /** A branch taken (`holds`) or not: the condition with its variables renamed (an unknown one made unmatchable). */
  | { kind: 'assume'; cond: string; holds: boolean }
  /**
   * A write: of `key` (the value as a const-cond.ts binding, undefined when unknown); `under`: only of what `key`
   * points to (a copy call's destination); no key: of an unknown object's member `field`.
   */
  | { kind: 'def'; key?: string; value?: string; under?: boolean; field?: string }
  /** A call left opaque: its arguments' variable paths (`&` kept), or a bare root for any other use of one. */
  | { kind: 'call'; args: string[] }
  /** A tracked pointer handed to code that may copy it (an inlined helper that does not keep it in place). */
  | { kind: 'escape'; root: string }
  /** Everything known is lost (a loop macro's block, entered again on its next turn). */
  | { kind: 'havoc' };

/**
 * A root variable of the function being inlined -> its name in the analysed function (`__i3_x` for a helper's own
 * variable), undefined when unknown. `member`: for a member path through it, which needs a pointer the function never
 * copies (keptInPlace).
 */
export type Rename = (root: string, member: boolean) => string | undefined;

const UNKNOWN = '__unknown_root';
/** `sizeof x`, `sizeof *p->m`, `sizeof(...)` (one level of parentheses inside): evaluates nothing. */
const SIZEOF = /\bsizeof\s*(?:\((?:[^()]|\([^()]*\))*\)|\**\s*[A-Za-z_][\w]*(?:\s*(?:->|\.)\s*\w+)*)/g;
/** A leading scalar or pointer cast: `(unsigned long)`, `(struct foo *)`, `(void *)`. */
const CAST = /^\((?:(?:const|volatile|unsigned|signed|struct|union|long|short)\s+)*[A-Za-z_]\w*(?:\s+long)?\s*\**\s*\)\s*/;

/** The analysed function's own names: its tracked variables, pointers only when kept in place. */
export function topRename(fn: FunctionFacts, tracked: readonly string[] | undefined): Rename {
  if (!tracked?.length) return () => undefined;
  const kept = new Map<string, boolean>();
  const text = fn.source?.text ?? '';
  return (root, member) => {
    if (!tracked.includes(root)) return undefined;
    if (!member) return root;
    let k = kept.get(root);
    if (k === undefined) kept.set(root, (k = keptInPlace(text, root)));
    return k ? root : undefined;
  };
}

/**
 * An inlined helper's names: a parameter the helper never reassigns is the caller's argument (a variable path), a
 * variable of its own that it tracks is `__i<inst>_<name>`.
 */
export function calleeRename(callee: FunctionFacts, tracked: readonly string[] | undefined, inst: number, argTexts: readonly string[], outer: Rename): Rename {
  const text = callee.source?.text ?? '';
  const kept = new Map<string, boolean>();
  return (root, member) => {
    const i = callee.params.findIndex((p) => p.name === root);
    // A scalar argument may be converted on the way in (a u64 above 16 may be 1 as an int); a pointer is not.
    if (i >= 0 && !mayChange(text, root) && (member || callee.params[i].pointer)) {
      if (member) {
        let k = kept.get(root);
        if (k === undefined) kept.set(root, (k = keptInPlace(text, root)));
        if (!k) return undefined;
      }
      return renamePath(argTexts[i], outer, member);
    }
    if (!tracked?.includes(root) || i >= 0) return undefined;
    return member && !keptInPlace(text, root) ? undefined : `__i${inst}_${root}`;
  };
}

/** A caller's argument text as a path in the analysed function's names (`ep`, `q->ring`), or undefined. */
function renamePath(arg: string | undefined, outer: Rename, member: boolean): string | undefined {
  const a = arg?.replace(/\s+/g, '');
  if (!a || !KEY_PATH.test(a)) return undefined;
  const root = rootOf(a);
  const renamed = outer(root, member || a !== root);
  return renamed === undefined ? undefined : renamed + a.slice(root.length);
}

/**
 * Whether every bare use of pointer `name` in `text` leaves it in place: a test, an assignment to it, a declaration,
 * or a call argument (which path-values.ts treats as handing it on); copied, returned, cast or offset, it may alias.
 */
export function keptInPlace(text: string, name: string): boolean {
  return textMemo(keptMemo, text, name, () => computeKeptInPlace(text, name));
}
const keptMemo = new Map<string, Map<string, boolean>>();

function computeKeptInPlace(text: string, name: string): boolean {
  const re = new RegExp(`(?<![\\w.>])${name}\\b(?!\\s*(?:->|\\.|\\[))`, 'g');
  for (const m of text.matchAll(re)) {
    const before = text.slice(Math.max(0, m.index! - 40), m.index).replace(/\s+$/, '');
    const after = text.slice(m.index! + name.length, m.index! + name.length + 4).replace(/^\s+/, '');
    if (/\b(?:struct|union|enum)$/.test(before)) continue; // a tag of the same name
    if (/^(?:[-+*/%&|^]|<<|>>)?=(?!=)/.test(after)) continue; // assigned
    if (/^(?:==|!=|\)|,|;)/.test(after) && /(?:[(,!]|==|!=|&&|\|\||\*)$/.test(before)) continue; // tested, an argument, declared
    if (/^(?:==|!=|&&|\|\|)/.test(after)) continue;
    return false;
  }
  return true;
}

/** The facts of one CFG node (its event, def or assume) in the analysed function's names. */
export function factsOf(n: CfgNode, event: Event | undefined, rename: Rename, opaqueCall: boolean, arrayField: (field: string) => boolean = () => false): PathFact[] | undefined {
  if (n.havoc) return [{ kind: 'havoc' }];
  if (n.assume) return [{ kind: 'assume', cond: renameCondition(n.assume.cond, rename), holds: n.assume.holds }];
  const out: PathFact[] = [];
  if (event?.kind === 'store') out.push(storeFact(event, rename, arrayField));
  if (event?.kind === 'call' && opaqueCall) out.push({ kind: 'call', args: event.argTexts.flatMap((t) => argPaths(t, rename)) });
  const def = defFact(n, rename);
  if (def) out.push(def);
  return out.length ? out : undefined;
}

/** The write of a tracked variable a node makes (after its event: `v = f(...)`), in the analysed function's names. */
export function defFact(n: CfgNode, rename: Rename): PathFact | undefined {
  const key = n.def ? rename(n.def.name, false) : undefined;
  return key === undefined ? undefined : { kind: 'def', key, value: n.def!.value };
}

/**
 * A store's write. A copy call's destination `x->f` of an unknown `x` writes only member `f` when `f` is an array
 * (inside the object); through a pointer it may write anything.
 */
function storeFact(e: Event & { kind: 'store' }, rename: Rename, arrayField: (field: string) => boolean): PathFact {
  const target = e.targetText.replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1');
  const path = /^&?/.test(target) ? target.replace(/^&/, '') : target;
  const key = KEY_PATH.test(path) ? renamePath(path, rename, path !== rootOf(path)) : undefined;
  const field = /(?:->|\.)(\w+)(?:\[[^\]]*\])*$/.exec(target)?.[1];
  if (e.viaCall && key !== undefined) return { kind: 'def', key, under: true };
  if (e.viaCall) return field !== undefined && /(?:->|\.)\w+$/.test(target) && arrayField(field) ? { kind: 'def', field } : { kind: 'def' };
  if (key !== undefined) return { kind: 'def', key, value: writtenValue(e.op ?? '=', e.valueText) };
  return { kind: 'def', field };
}

/** A call argument's variable paths: `&ep->queue` as is, any other mention of a root as the bare root. */
function argPaths(text: string, rename: Rename): string[] {
  const t = text.trim().replace(SIZEOF, '0').replace(CAST, '').replace(/\s+/g, '');
  const plain = t.replace(/^&/, '');
  if (KEY_PATH.test(plain)) {
    const renamed = renamePath(plain, rename, plain !== rootOf(plain));
    return renamed === undefined ? [] : [t.startsWith('&') ? `&${renamed}` : renamed];
  }
  const out: string[] = [];
  for (const m of t.matchAll(/(?<![\w.>])[A-Za-z_]\w*/g)) {
    const r = rename(m[0], true) ?? rename(m[0], false);
    if (r !== undefined) out.push(rootOf(r));
  }
  return out;
}

/** A condition with each variable path's root renamed, or made unmatchable when it has no name here. */
export function renameCondition(cond: string, rename: Rename): string {
  const t = cond.replace(/\s*(->|\.)\s*/g, '$1');
  return t.replace(/(?<![\w.>])([A-Za-z_]\w*)((?:(?:->|\.)\w+)*)(?!\w|\s*\()/g, (whole, root: string, rest: string) => {
    if (/^[A-Z][A-Z0-9_]*$|^(?:NULL|true|false|sizeof)$/.test(root) && !rest) return whole;
    const r = rename(root, rest.length > 0);
    return r === undefined ? `${UNKNOWN}${rest}` : `${r}${rest}`;
  });
}
