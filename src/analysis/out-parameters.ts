// Out-parameters: what a function stores through a pointer parameter itself (`*ptr = devm_ioremap(...)`), the value a
// member gets whose address a call passes there (altera-msgdma's `request_and_map(pdev, "desc", &res, &mdev->desc)`).
import type { BodyFacts, FunctionFacts, PExpr } from './facts';

/** The values a body stores through its pointer parameter `ptr` itself (`*ptr = v`); none when it reassigns `ptr`. */
export function storedThrough(body: BodyFacts, ptr: string): PExpr[] {
  if (ptr in body.locals) return [];
  const target = new RegExp(`^\\*\\(?${ptr}\\)?$`);
  const out: PExpr[] = [];
  for (const { event: e } of body.cfg.nodes) {
    if (e?.kind === 'store' && e.value && !e.viaCall && !e.op && target.test(e.targetText.replace(/\s+/g, ''))) out.push(e.value);
  }
  return out;
}

/**
 * Whether a function may store through its pointer parameter at `arg` (`*ptr = v`): read from its text when it is kept
 * as text (a superset of storedThrough()'s answer), so a caller passing `&x->m` there is extracted only for such a callee.
 */
export function mayStoreThroughParameter(fn: FunctionFacts, arg: number): boolean {
  let byArg = answers.get(fn);
  if (!byArg) answers.set(fn, (byArg = new Map()));
  let may = byArg.get(arg);
  if (may === undefined) byArg.set(arg, (may = mayStore(fn, fn.params[arg]?.name)));
  return may;
}

/** Answers per function and parameter (a file's edit makes new FunctionFacts). */
const answers = new WeakMap<FunctionFacts, Map<number, boolean>>();

function mayStore(fn: FunctionFacts, name: string | undefined): boolean {
  if (!name || !/^\w+$/.test(name)) return false;
  if (fn.body) return storedThrough(fn.body, name).length > 0;
  return new RegExp(`\\*\\s*\\(?\\s*${name}\\s*\\)?\\s*=(?!=)`).test(fn.source?.text ?? '');
}
