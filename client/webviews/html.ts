// Shared webview page shell: strict Content-Security-Policy with a per-render nonce, theme colours only, no remote content.
import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

export function esc(s: string | number | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The CSP every Fabric Lens webview uses: nothing loads except the page's own nonce'd style and script. */
export function csp(nonce: string): string {
  return `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'`;
}

export const BASE_CSS = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; line-height: 1.45; }
h1 { font-size: 1.3em; margin: 12px 0 4px; } h2 { font-size: 1.1em; margin: 18px 0 6px; }
code, pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
pre { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; }
table { border-collapse: collapse; margin: 6px 0; } th, td { border: 1px solid var(--vscode-panel-border); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background); }
button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; margin: 0 6px 6px 0; cursor: pointer; font: inherit; }
button[aria-pressed="true"], button[aria-selected="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
:focus-visible { outline: 2px solid var(--vscode-focusBorder); outline-offset: 2px; }
.ok { color: var(--vscode-charts-green); } .bad { color: var(--vscode-errorForeground); } .warn { color: var(--vscode-charts-orange); }
.muted { color: var(--vscode-descriptionForeground); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

export function page(opts: { nonce: string; title: string; css: string; body: string; script: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp(opts.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(opts.title)}</title>
<style nonce="${opts.nonce}">${BASE_CSS}${opts.css}</style>
</head>
<body>
${opts.body}
<script nonce="${opts.nonce}">${opts.script}</script>
</body>
</html>`;
}
