// Member addresses handed to calls (`f(pdev, &mdev->csr)`, `ops->acquire(..., &ep->db)`), read from a function's text:
// which call receives each, at which argument, and whether through a pointer. escaped-members.ts and the text scan's
// out-parameter fields (text-scan.ts) both read them.

/**
 * `&p->f` / `&p.f` / `&p->a[i].f` ending an argument (followed by `,` or `)`): the base variable, the hops between
 * (empty for `&p->f`) and the field are captured.
 */
const ADDRESS_ARGUMENT = /&\s*\(?\s*([A-Za-z_]\w*)((?:\s*(?:->|\.)\s*\w+|\s*\[[^\]\n]*\])*)\s*(?:->|\.)\s*([A-Za-z_]\w*)\s*\)?\s*(?=[,)])/g;

/** The function a call names, and whether it is reached through a pointer (`ops->f(`, `ops.f(`, `(*f)(`). */
export interface Callee { name: string; throughPointer: boolean }

/** One `&base...->field` argument: its call, the argument's position, the base variable and the hops between. */
export interface AddressArgument { callee: Callee; arg: number; base: string; hops: string; field: string }

/** The member addresses `text` passes as call arguments, in order. */
export function addressArguments(text: string): AddressArgument[] {
  const out: AddressArgument[] = [];
  if (text.includes('&')) for (const m of text.matchAll(ADDRESS_ARGUMENT)) {
    const call = callBefore(text, m.index!);
    if (call) out.push({ ...call, base: m[1], hops: m[2], field: m[3] });
  }
  return out;
}

const SPACE = /\s/;
const isWordChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
const isIdentStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';

/**
 * What `/(->|\.|\*\s*)?\s*([A-Za-z_]\w*)\s*(\))?\s*$/` finds in `text.slice(lo, hi)` (the name a call's `(` follows,
 * through a pointer when after `->`, `.`, `*` or before a `)`), read backwards from `hi`: the end-anchored regex tried
 * every start position of the slice and was the largest single cost of the escaped-member scan.
 */
function calleeEndingAt(text: string, lo: number, hi: number): Callee | undefined {
  let end = hi;
  while (end > lo && SPACE.test(text[end - 1])) end--;
  let paren = false;
  if (end > lo && text[end - 1] === ')') { paren = true; end--; while (end > lo && SPACE.test(text[end - 1])) end--; }
  let run = end;
  while (run > lo && isWordChar(text[run - 1])) run--;
  let start = run;
  while (start < end && !isIdentStart(text[start])) start++;
  if (start === end) return undefined;
  if (start > run) return { name: text.slice(start, end), throughPointer: paren }; // `1abc`: the name starts after digits
  let blank = run;
  while (blank > lo && SPACE.test(text[blank - 1])) blank--;
  const before = blank > lo ? text[blank - 1] : '';
  const pointer = before === '.' || before === '*' || (before === '>' && blank - 2 >= lo && text[blank - 2] === '-');
  return { name: text.slice(run, end), throughPointer: pointer || paren };
}

/**
 * The call whose unclosed `(` encloses position `at` (`f`, `ops->f`, `(*ops->f)`), and the position of the argument
 * `at` is in (the commas before it at the call's own depth); undefined when none.
 */
function callBefore(text: string, at: number): { callee: Callee; arg: number } | undefined {
  let depth = 0;
  let arg = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === ',' && depth === 0) arg++;
    else if (c === '(' && depth-- === 0) {
      const callee = calleeEndingAt(text, Math.max(0, i - 80), i);
      return callee && { callee, arg };
    }
    else if ((c === ';' || c === '{' || c === '}') && depth === 0) return undefined;
  }
  return undefined;
}
