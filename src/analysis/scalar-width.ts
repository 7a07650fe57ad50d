// Byte widths of the C scalar types drivers access memory with (Linux 6.1 is LP64 on all four architectures).
const BYTES: Record<string, number> = {};
const name = (bytes: number, ...names: string[]) => { for (const n of names) BYTES[n] = bytes; };
name(1, 'u8', '__u8', 's8', '__s8', 'uint8_t', 'int8_t', 'u_int8_t', 'char', 'unsigned char', 'signed char', 'u_char', 'uchar', 'unchar', 'bool', '_Bool', 'u_byte');
name(2, 'u16', '__u16', 's16', '__s16', 'uint16_t', 'int16_t', 'u_int16_t', '__le16', '__be16', 'short', 'unsigned short', 'signed short', 'u_short', 'ushort');
name(4, 'u32', '__u32', 's32', '__s32', 'uint32_t', 'int32_t', 'u_int32_t', '__le32', '__be32', 'int', 'unsigned int', 'signed int', 'unsigned', 'signed', 'u_int', 'uint');
name(8, 'u64', '__u64', 's64', '__s64', 'uint64_t', 'int64_t', 'u_int64_t', '__le64', '__be64', 'long', 'unsigned long', 'signed long', 'long long', 'unsigned long long', 'u_long', 'ulong', 'size_t', 'dma_addr_t', 'phys_addr_t', 'resource_size_t');

/** The width in bytes of a scalar type written as C text (`unsigned short int`, `const u32`), undefined when unknown. */
export function scalarBytes(typeText: string | undefined): number | undefined {
  if (!typeText) return undefined;
  if (scalarMemo.has(typeText)) return scalarMemo.get(typeText);
  if (scalarMemo.size >= 4096) scalarMemo.clear();
  const bytes = scalarBytesOf(typeText);
  scalarMemo.set(typeText, bytes);
  return bytes;
}

/** scalarBytes() answers by type text (a pure function of it; the same few type spellings recur in every file). */
const scalarMemo = new Map<string, number | undefined>();

function scalarBytesOf(typeText: string): number | undefined {
  const t = typeText.replace(/\b(const|volatile|__iomem|__force)\b/g, ' ').replace(/\s+/g, ' ').trim().replace(/^(.*(?:short|long)) int$/, '$1');
  return BYTES[t];
}

/** The pointee width of a dereference written with a cast: `*(u_short *)(p + off)`, `((volatile u32 *)p)[i]`. */
export function castPointeeBytes(text: string): number | undefined {
  const m = /^\s*\*?\s*\(*\s*\(\s*([A-Za-z_][\w\s]*?)\s*\*\s*\)/.exec(text);
  return m ? scalarBytes(m[1]) : undefined;
}
