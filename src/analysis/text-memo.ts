// Answers to questions of a function's text and a name (does the text write `v`? keep pointer `p` in place?), remembered.
/**
 * A question of a (function) text and a name, remembered: inlining asks it of each helper once per call site, and
 * helper texts are long. Up to MEMO_TEXTS texts per table; then the table starts again.
 */
export function textMemo(memo: Map<string, Map<string, boolean>>, text: string, name: string, compute: () => boolean): boolean {
  let perText = memo.get(text);
  if (!perText) {
    if (memo.size >= MEMO_TEXTS) memo.clear();
    memo.set(text, (perText = new Map()));
  }
  let out = perText.get(name);
  if (out === undefined) perText.set(name, (out = compute()));
  return out;
}
const MEMO_TEXTS = 20_000;
