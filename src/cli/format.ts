// Prints findings as compilers do (text, 1-based) or as the versioned JSON contract (0-based, as in LSP).
import type { Finding } from '../engine/findings';

export function formatText(findings: Finding[], displayPath: (f: string) => string): string {
  return findings
    .map((f) => `${displayPath(f.file)}:${f.span.start.line + 1}:${f.span.start.character + 1}: ${f.severity}: ${f.message} [${f.rule}] (${f.arches.join(', ')})`)
    .join('\n');
}

export function formatJson(findings: Finding[], fileCount: number, displayPath: (f: string) => string): string {
  return JSON.stringify({
    version: 1,
    files: fileCount,
    diagnostics: findings.map((f) => ({
      file: displayPath(f.file),
      range: { start: { ...f.span.start }, end: { ...f.span.end } },
      rule: f.rule,
      severity: f.severity,
      arches: f.arches,
      message: f.message,
      function: f.function,
    })),
  }, null, 2);
}
