// Whether a call's argument is proven non-NULL by its caller (the address of a variable, a local array, or a pointer
// the caller dereferenced or tested non-NULL on every path to the call), so an inlined helper's `if (p)` / `p == NULL`
// on that parameter is decided (const-cond.ts NON_NULL_BINDING).
import type { CfgNode } from './facts';
import { evaluateCondition } from './const-cond';
import { writesVariable } from './statement-shapes';

const ADDRESS_OF_VARIABLE = /^&\s*[A-Za-z_]\w*(?:\s*\.\s*\w+)*$/;
const POINTER_PATH = /^[A-Za-z_]\w*(?:\s*(?:->|\.)\s*\w+)*$/;
const NOT_A_TYPE = new Set(['return', 'case', 'sizeof', 'else', 'goto', 'do']);

/** The caller a non-NULL proof is made in: its flow graph, text and parameter names. */
export interface CallerText { nodes: readonly CfgNode[]; text: string | undefined; params: readonly string[] }

/** Whether the argument `argText` of the call at CFG node `at` cannot be NULL there (unknown: false). */
export function provenNonNull(caller: CallerText, at: number, argText: string): boolean {
  let memo = proofs.get(caller.nodes);
  if (!memo) proofs.set(caller.nodes, (memo = new Map()));
  const key = `${at}\0${argText}`;
  let out = memo.get(key);
  if (out === undefined) memo.set(key, (out = prove(caller, at, argText)));
  return out;
}

/** Per caller CFG: `at` and argument text -> proven (a helper inlined at many sites asks again per site). */
const proofs = new WeakMap<readonly CfgNode[], Map<string, boolean>>();

function prove(caller: CallerText, at: number, argText: string): boolean {
  const text = argText.trim();
  if (ADDRESS_OF_VARIABLE.test(text)) return true;
  if (!POINTER_PATH.test(text) || caller.text === undefined) return false;
  const path = text.replace(/\s+/g, '');
  const root = /^\w+/.exec(path)![0];
  if (path === root && isLocalArray(caller, root)) return true;
  if (!caller.params.includes(root) && !declaredPointer(caller.text, root)) return false;
  if (writtenBeyondDeclaration(caller, root)) return false;
  return establishedOnEveryPath(caller.nodes, at, path, root);
}

/** `type name[...]` declared in the function's text (not a parameter, which is a pointer). */
function isLocalArray(caller: CallerText, name: string): boolean {
  if (caller.params.includes(name)) return false;
  const m = new RegExp(`\\b(\\w+)\\s+${name}\\s*\\[`).exec(caller.text ?? '');
  return m !== null && !NOT_A_TYPE.has(m[1]);
}

/** A local declared `T *name` (so assignments to it are visible in the function's text). */
function declaredPointer(text: string, name: string): boolean {
  return new RegExp(`\\*\\s*${name}\\s*[;=,)]`).test(text);
}

/** The root variable may change: written or address taken anywhere (a parameter), or besides its declaration (a local). */
function writtenBeyondDeclaration(caller: CallerText, root: string): boolean {
  const text = caller.params.includes(root) ? caller.text! : caller.text!.replace(new RegExp(`\\*\\s*${root}\\s*=`), `*${root};`);
  return writesVariable(text, root);
}

/** Must-dataflow: on every path to node `at`, a dereference of `path` or a test proving it non-NULL, and no change since. */
function establishedOnEveryPath(nodes: readonly CfgNode[], at: number, path: string, root: string): boolean {
  const preds: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => { for (const s of n.succ) if (s < nodes.length) preds[s].push(i); });
  const into = nodes.map((_, i) => i !== 0);
  const out = nodes.map(() => true);
  out[0] = effect(nodes[0], path, root) ?? false;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 1; i < nodes.length; i++) {
      const inVal = preds[i].length > 0 && preds[i].every((p) => out[p]);
      const outVal = effect(nodes[i], path, root) ?? inVal;
      if (inVal !== into[i] || outVal !== out[i]) { into[i] = inVal; out[i] = outVal; changed = true; }
    }
  }
  return into[at];
}

/** true: the node proves `path` non-NULL; false: it may change it; undefined: neither. */
function effect(n: CfgNode, path: string, root: string): boolean | undefined {
  const e = n.event;
  if (n.assume && evaluateCondition(n.assume.cond, new Map([[path, 'NULL']])) === !n.assume.holds) return true;
  if (!e) return undefined;
  if (e.kind === 'store' && !e.viaCall) {
    const target = e.targetText.replace(/\s+/g, '');
    if (target === path || path.startsWith(`${target}->`) || path.startsWith(`${target}.`)) return false;
    if (derefs(target, path)) return true;
  }
  if (e.kind === 'load' && !e.viaCall && derefs(e.text.replace(/\s+/g, ''), path)) return true;
  if (e.kind === 'call' && path !== root && e.argTexts.some((t) => new RegExp(`\\b${root}\\b`).test(t))) return false;
  return undefined;
}

/** `text` reads or writes through `path` (`path->m`, `path[i]`). */
function derefs(text: string, path: string): boolean {
  return text.startsWith(`${path}->`) || text.startsWith(`${path}[`);
}
