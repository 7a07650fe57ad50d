// How drivers name the words a device and the CPU hand descriptors over with, as data: ownership/valid/status fields
// and bit constants, and the key that says two accesses touch the same descriptor.
import type { Event } from '../analysis/facts';
import { nameParts } from './name-parts';

/** Fields that are the hand-over word by name alone. */
const OWNERSHIP_FIELD = /^(own|owner|ownership|hw_own|hwown|valid|vld|ready|done|phase|gen|generation|color|toggle|owner_opcode|op_own|opcode_own)$/i;
/** Fields that hold the hand-over bit among others: they count when the value stored names an ownership bit. */
const CONTROL_FIELD = /^(status|sts|stat|flags|flag|ctrl|control|ctl|cmd|command|cmd_sts|cmdsts|opcode|opts1|ctrl_status|des0|des3|tdes0|tdes3|rdes0|rdes3|word0|w0|info|len_status|status_len)$/i;
/** Bit constants and values that hand a descriptor to the device. */
const OWNERSHIP_VALUE = /\b\w*(OWN|OWNER|(?<!IN)VALID|_VLD|VLD_|READY|HW_OWNED|DESC_HW|TX_DESC_USED|_GO\b)\w*\b/;
/** The same bits in the CamelCase of Donald Becker's drivers and their descendants (`DescOwn`, `DescOwned`, `TxOwn`). */
const OWNERSHIP_VALUE_CAMEL = /\b(Desc|Tx|Rx)Own(ed)?\b/;
/** Fields a driver polls to learn that the device wrote a descriptor back. */
const STATUS_FIELD = /^(status|sts|stat|status_error|staterr|status_err|desc_status|own|owner|ownership|valid|vld|done|phase|gen|generation|color|toggle|dd|wb_status|opts1|flags|flag|cmd_sts|cmdsts|len_status|status_len|rx_status|tx_status|des0|rdes0|rdes3|word0|w0|ctrl|ctl|info)$/i;

/** Status words named with a suffix (`status_error_len`, `status_err`, `sts_flags`). */
const STATUS_PREFIX = /^(status|sts|staterr|stat_err)_\w+$/i;

/** The descriptor an lvalue belongs to: trailing field accesses removed (`d->read.cmd` -> `d`, `r->desc[i].len` -> `r->desc[i]`). */
export function descriptorKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/((->|\.)\w+)+$/, '');
}

/** The last field named by an lvalue (`d->read.cmd` -> `cmd`). */
export function lastField(text: string): string | undefined {
  return /(?:->|\.)\s*(\w+)\s*$/.exec(text)?.[1];
}

export function isOwnershipStore(e: Event): boolean {
  if (e.kind !== 'store') return false;
  // `flags &= ~DESC_OWN` takes a descriptor back; it hands nothing over.
  if (/~\s*\(?\s*\w*(OWN|Own|VALID|VLD)/.test(e.valueText ?? '')) return false;
  const field = lastField(e.targetText) ?? '';
  if (OWNERSHIP_FIELD.test(field)) return true;
  return namesOwnershipValue(e.valueText ?? '') && (CONTROL_FIELD.test(field) || field === '');
}

/** Name parts of a descriptor's control or status word (`dbdma_cmd`, `status_n_length`, `ctrl_flags`). */
const CONTROL_PART = /^(cmd|command|ctrl|control|ctl|status|sts|stat|own|owner|flags|opts|opts1)$/i;

/**
 * A word that may carry the hand-over bit although neither its name nor the value stored says so: a control or status
 * word, by name or by a part of its name (the yellowfin DBDMA `dbdma_cmd` a driver overwrites its `CMD_STOP` with).
 */
export function isControlWord(field: string | undefined): boolean {
  if (field === undefined) return false;
  if (CONTROL_FIELD.test(field) || STATUS_FIELD.test(field) || STATUS_PREFIX.test(field)) return true;
  return nameParts(field).some((p) => CONTROL_PART.test(p));
}

/** A field that is the hand-over word by name alone (`own`, `valid`, `phase`, ...): never a response's payload. */
export function isOwnershipField(field: string | undefined): boolean {
  return field !== undefined && OWNERSHIP_FIELD.test(field);
}

export function isStatusLoad(e: Event): boolean {
  if (e.kind !== 'load' || !e.field) return false;
  return STATUS_FIELD.test(e.field) || STATUS_PREFIX.test(e.field) || (e.inCondition && OWNERSHIP_FIELD.test(e.field));
}

/** Fields the CPU writes when it posts a descriptor (buffer addresses, cookies, links): a stale read of them is harmless. */
const CPU_OWNED_FIELD = /^(addr|address|addr_lo|addr_hi|dma|dma_addr|buf|buf_addr|buffer|buffer_addr|buf_ptr|frag|frags|skb|cookie|next|next_desc|next_desc_ptr|nxt|link|hdr_addr|pkt_addr|paddr|data_addr|data_ptr|dptr|bufaddr|buf1|buf2|des2|tdes2|rdes2)$/i;

/**
 * In a transmit descriptor the CPU also wrote the lengths; the device writes back only status (and error) words. A
 * length by its last word (`len`, `data_buff_len`, `buf_size`, `byte_cnt`), never a status word (`status_len`).
 */
const TX_CPU_OWNED_FIELD = /^(?:\w+_)?(len|length|bytes|byte_cnt|byte_count|size|cnt|count)$/i;
const TX_CONTEXT = /(^|[^a-z])tx|xmit|transmit|reclaim/i;

/** True when `context` (the descriptor's key, the helpers and the function reading it) names a transmit path. */
export function isTxContext(context: string): boolean {
  return TX_CONTEXT.test(context);
}

/** A field the device reports through by name: a status word or an ownership word (never the CPU's by what is stored). */
export function isStatusNamed(field: string): boolean {
  return STATUS_FIELD.test(field) || STATUS_PREFIX.test(field) || OWNERSHIP_FIELD.test(field);
}

/** A stored value naming a hand-over bit (`DESC_OWN`, `~RX_VALID`): the word is one the device writes back. */
export function namesOwnershipValue(valueText: string): boolean {
  return OWNERSHIP_VALUE.test(valueText) || OWNERSHIP_VALUE_CAMEL.test(valueText);
}

/** `context`: the descriptor's key and the function reading it (a TX context makes lengths CPU-owned too). */
export function isCpuOwnedField(field: string | undefined, context = ''): boolean {
  if (field === undefined) return false;
  if (CPU_OWNED_FIELD.test(field)) return true;
  return TX_CONTEXT.test(context) && TX_CPU_OWNED_FIELD.test(field) && !STATUS_FIELD.test(field) && !STATUS_PREFIX.test(field);
}

/** Name parts of words a device moves or reports through: positions, counts, lengths, status, events, hand-over bits. */
const MOVING_PART = /^(rd|wr|rp|wp|ptr|pointer|head|tail|idx|index|cur|curr|current|next|prev|pos|position|offset|cnt|count|counter|len|length|size|remain|remaining|residue|left|status|stat|sts|state|err|error|errors|irq|intr|int|isr|ack|event|events|done|own|owner|valid|vld|ready|busy|time|timer|timestamp|stamp|seq|credit|credits|avail|used|free|level|fill|phase|gen|toggle|flag|flags|ctrl|control|cmd|result|resp|response|token)$/i;

/**
 * A member whose name says a device may move it (`rd_ptr`, `lastTime`, `status`, `byte_cnt`, `own`): some part of the
 * name (split at `_` and case changes) is a position, count, length, status, event or hand-over word.
 */
export function isCountingField(field: string): boolean {
  const parts = nameParts(field);
  return parts.some((p) => MOVING_PART.test(p)) || STATUS_FIELD.test(field) || STATUS_PREFIX.test(field) || OWNERSHIP_FIELD.test(field);
}

/** The last word of a type named for what a device reports: an event or completion queue entry (`mlx4_eqe`, `mthca_cqe`, `gpi_event`, `be_mcc_compl`, `tx_cmp`). */
const REPORT_ENTRY_PART = /^(eqe|aeqe|ceqe|cqe\d*|event|evt|compl|cmpl|cmp|completion)$/;

/**
 * A struct type whose entries the device writes and the CPU only consumes: its name ends in an event or completion
 * word (`struct mlx4_eqe`, `union gpi_event`). A CPU store into one marks an entry consumed or rewrites it for the
 * CPU's own use (mlx4's port rewrite before the copy to a slave, mthca's owner bit, gpi's stale-event type); no
 * doorbell makes the device read it. A type that only names events among other words (`mhi_event_ctxt`) is not one.
 */
export function isReportEntryType(type: string | undefined): boolean {
  const parts = type ? nameParts(type) : [];
  return parts.length > 0 && REPORT_ENTRY_PART.test(parts[parts.length - 1]);
}
