// Values a plain multi-byte access moves correctly in either byte order: a constant whose bytes read the same reversed
// at the access width (0, all ones, 0x0101), evaluated from its C text through numeric #defines and locals with one
// constant initialiser, and compound `&=`/`|=`/`^=` with such a constant (bytewise, so it commutes with a swap).
import { writesVariable } from '../analysis/statement-shapes';
import { FIXED_ORDER_CONVERSIONS } from '../analysis/vocabulary';

/** How names in a value's text get their values: numeric #defines, locals set once to a constant (text, undefined if not). */
export type NameValue = (name: string) => string | undefined;

const MAX_NAME_DEPTH = 4;
const TYPE_WORDS = /^(?:u8|u16|u32|u64|s8|s16|s32|s64|__u8|__u16|__u32|__u64|__s8|__s16|__s32|__s64|u_char|u_short|u_int|u_long|uint8_t|uint16_t|uint32_t|uint64_t|int8_t|int16_t|int32_t|int64_t|ushort|uint|ulong|unsigned|signed|short|int|long|char|const|__force|size_t)$/;
const TOKEN = /\s*(<<|>>|0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|[()~\-+|&^])/y;

/** The tokens of `text`, or undefined when it holds anything the evaluator does not know. */
function tokens(text: string): string[] | undefined {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m || TOKEN.lastIndex === at) return undefined;
    out.push(m[1]);
  }
  return out;
}

function literal(t: string): bigint | undefined {
  const digits = t.replace(/[uUlL]+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(digits)) return BigInt(digits);
  if (/^0[0-7]+$/.test(digits)) return BigInt(`0o${digits.slice(1)}`);
  return /^\d+$/.test(digits) ? BigInt(digits) : undefined;
}

/** Recursive descent over `| ^ & << >> + -`, unary `~ - +`, casts to scalar types and parentheses. */
class Evaluator {
  private at = 0;
  constructor(private readonly toks: string[], private readonly names: NameValue, private readonly depth: number) {}

  whole(): bigint | undefined {
    const v = this.binary(0);
    return this.at === this.toks.length ? v : undefined;
  }

  private static readonly LEVELS = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-']];

  private binary(level: number): bigint | undefined {
    if (level === Evaluator.LEVELS.length) return this.unary();
    let v = this.binary(level + 1);
    while (v !== undefined && Evaluator.LEVELS[level].includes(this.toks[this.at])) {
      const op = this.toks[this.at++];
      const r = this.binary(level + 1);
      if (r === undefined || ((op === '<<' || op === '>>') && (r < 0n || r > 63n))) return undefined;
      v = op === '|' ? v | r : op === '^' ? v ^ r : op === '&' ? v & r : op === '<<' ? v << r : op === '>>' ? v >> r : op === '+' ? v + r : v - r;
    }
    return v;
  }

  private unary(): bigint | undefined {
    const t = this.toks[this.at];
    if (t === '~' || t === '-' || t === '+') {
      this.at++;
      const v = this.unary();
      return v === undefined ? undefined : t === '~' ? ~v : t === '-' ? -v : v;
    }
    if (t === '(' && this.castLength() > 0) {
      this.at += this.castLength();
      return this.unary();
    }
    return this.primary();
  }

  /** Tokens of a cast to a scalar type starting here (`(u16)`, `(unsigned short)`), or 0. */
  private castLength(): number {
    let i = this.at + 1;
    while (i < this.toks.length && TYPE_WORDS.test(this.toks[i])) i++;
    return i > this.at + 1 && this.toks[i] === ')' ? i + 1 - this.at : 0;
  }

  private primary(): bigint | undefined {
    const t = this.toks[this.at++];
    if (t === undefined) return undefined;
    if (t === '(') {
      const v = this.binary(0);
      return this.toks[this.at++] === ')' ? v : undefined;
    }
    const n = literal(t);
    if (n !== undefined) return n;
    if (!/^[A-Za-z_]\w*$/.test(t) || this.depth >= MAX_NAME_DEPTH) return undefined;
    const text = this.names(t);
    return text === undefined ? undefined : constantValue(text, this.names, this.depth + 1);
  }
}

/** The value of a constant expression's text, or undefined when it is not one the evaluator can compute. */
export function constantValue(text: string, names: NameValue, depth = 0): bigint | undefined {
  const toks = tokens(text);
  return toks?.length ? new Evaluator(toks, names, depth).whole() : undefined;
}

/** True when `value`'s `bytes` low bytes read the same in reverse order (a byte swap leaves it unchanged). */
export function samePerByteOrder(value: bigint, bytes: number): boolean {
  const v = BigInt.asUintN(bytes * 8, value);
  for (let i = 0; i < bytes / 2; i++) {
    const lo = (v >> BigInt(8 * i)) & 0xffn;
    const hi = (v >> BigInt(8 * (bytes - 1 - i))) & 0xffn;
    if (lo !== hi) return false;
  }
  return true;
}

/**
 * A value converted to a fixed byte order at the store's width, the conversion being the whole value (`= cpu_to_le32(v)`,
 * `= htole32(tail)`, `= htobe32(db)` for a big-endian device's register): the bytes land in the order the driver chose
 * on either CPU byte order, as writel() or iowrite32be() would put them.
 */
function fixedOrderValue(valueText: string | undefined, bytes: number): boolean {
  const m = valueText === undefined ? undefined : /^\s*\(?\s*([A-Za-z_]\w*)\s*\(/.exec(valueText);
  if (!m || !wholeCall(valueText!, m[0].length - 1)) return false;
  return FIXED_ORDER_CONVERSIONS.get(m[1]) === bytes * 8;
}

/** The parenthesis opened at `open` closes the call, and only closing parentheses and blanks follow it. */
function wholeCall(text: string, open: number): boolean {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return /^[\s)]*$/.test(text.slice(i + 1));
  }
  return false;
}

/**
 * True when a plain store of `bytes` bytes leaves the same bytes in memory in either byte order, or the bytes the
 * device reads (a value converted to a fixed byte order, above): `= c` or a bytewise
 * `&= c` / `|= c` / `^= c` (read, combined and written back in one order) with `c` a constant unchanged by a byte swap.
 */
export function storeIsByteOrderFree(valueText: string | undefined, op: string | undefined, bytes: number, names: NameValue): boolean {
  if (op === undefined && fixedOrderValue(valueText, bytes)) return true;
  if (valueText === undefined || (op !== undefined && op !== '&=' && op !== '|=' && op !== '^=')) return false;
  const v = constantValue(valueText, names);
  return v !== undefined && samePerByteOrder(v, bytes);
}

/**
 * The constant a local of `fnText` holds wherever it is used: declared with a constant-looking initialiser
 * (`u16 *tbl, null_vci = 0;`) and written nowhere else (no assignment, increment or `&name`), never passed bare to a
 * call (a macro may assign it). Undefined otherwise.
 */
export function constantLocal(fnText: string, name: string, params: readonly string[]): string | undefined {
  if (params.includes(name)) return undefined;
  const first = new RegExp(`(?<![.>]\\s*)\\b${name}\\s*=(?!=)`).exec(fnText);
  if (!first) return undefined;
  const at = first.index;
  // Written nowhere else (statement-shapes.ts: assignments, ++/--, `&name`; a same-named member write counts too), no
  // same-named member read, not passed bare to a call (`readw_poll_timeout(addr, val, ...)`, `get_user(x, p)`).
  if (writesVariable(fnText.slice(0, at) + fnText.slice(at + first[0].length), name)) return undefined;
  if (new RegExp(`(?:->|\\.)\\s*${name}\\b|[(,]\\s*${name}\\s*[,)]`).test(fnText)) return undefined;
  const statement = fnText.slice(Math.max(fnText.lastIndexOf(';', at), fnText.lastIndexOf('{', at), fnText.lastIndexOf('}', at)) + 1, at);
  // A declaration: a type (with qualifiers) then declarators, the earlier ones initialised with no call or block.
  // (`x = 1, y = 0;` is no declaration: a declarator, not `=`, follows the type.)
  if (!/^\s*(?:(?:static|const|volatile|register|unsigned|signed)\s+)*[A-Za-z_]\w*(?:\s+(?:int|long|short|char))*[\s*]+(?:[A-Za-z_][\w\s*,[\]=>.&-]*)?$/.test(statement)) return undefined;
  if (/^\s*(?:return|goto|case|else|do)\b/.test(statement)) return undefined;
  const init = /^[^,;]*/.exec(fnText.slice(at + first[0].length))?.[0];
  return init?.trim() || undefined;
}
