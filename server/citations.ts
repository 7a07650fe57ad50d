// Turns Linux source citations in hover markdown (`path:line`, `path:a-b, c-d`, `x.h:1; y.c:2`) into links to a
// source browser (fabricLens.sourceBrowser); with no browser configured they stay plain code.

const KERNEL_TOP = /^(arch|block|crypto|Documentation|drivers|fs|include|init|io_uring|ipc|kernel|lib|mm|net|samples|scripts|security|sound|tools|virt)\//;
const CITE = /^([A-Za-z0-9_.+\-/]+\.(?:c|h|S|rst|txt|lds|dts|dtsi))(?::(\d+)(?:-\d+)?(?:,\s*\d+(?:-\d+)?)*)?$/;

/** The URL of one citation part, or undefined when it is not a Linux source path. */
export function citationUrl(part: string, base: string): string | undefined {
  const m = CITE.exec(part.trim());
  if (!m || !KERNEL_TOP.test(m[1]) || !base) return undefined;
  return `${base.replace(/\/+$/, '')}/${m[1]}${m[2] ? `#L${m[2]}` : ''}`;
}

function linkSpan(code: string, base: string): string | undefined {
  const parts = code.split(/;\s*/);
  const urls = parts.map((p) => citationUrl(p, base));
  if (urls.every((u) => u === undefined)) return undefined;
  return parts.map((p, i) => (urls[i] ? `[${p.trim()}](${urls[i]})` : `\`${p.trim()}\``)).join('; ');
}

/** Rewrites every inline code span that holds only citations; other code spans are left alone. */
export function linkCitations(markdown: string, base: string): string {
  if (!base) return markdown;
  return markdown.replace(/`([^`\n]+)`/g, (whole, code: string) => linkSpan(code, base) ?? whole);
}
