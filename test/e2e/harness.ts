// End-to-end harness: a throw-away code-server profile with the packaged .vsix installed, a fixtures workspace, and
// Debian's chromium driven by playwright-core. Everything written goes to a temp dir, except screenshots (artifacts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.FABRIC_LENS_CHROMIUM ?? '/usr/bin/chromium';
export const CODE_SERVER = process.env.FABRIC_LENS_CODE_SERVER_BIN
  ?? join(process.env.FABRIC_LENS_CODE_SERVER ?? join(homedir(), '.cache', 'fabric-lens-e2e', 'code-server'), 'node_modules', '.bin', 'code-server');

/** Why the suite cannot run here (missing tools), or undefined. */
export function missingTools(vsix: string): string | undefined {
  if (!existsSync(CODE_SERVER)) return `code-server not found at ${CODE_SERVER} (run scripts/install-code-server.sh)`;
  if (!existsSync(CHROMIUM)) return `chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!existsSync(vsix)) return `${vsix} not found (run npm run package)`;
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const a = s.address(); s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port')))); });
  });
}

export interface Session { root: string; workspace: string; page: Page; browser: Browser; server: ChildProcess; log: () => string; close(): Promise<void> }

export async function startSession(opts: { vsix: string; fixtures: { from: string; to: string }[]; settings?: Record<string, unknown> }): Promise<Session> {
  const root = mkdtempSync(join(tmpdir(), 'fl-e2e-'));
  const home = join(root, 'home');
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: join(home, '.cache') };
  const dirs = { ext: join(root, 'extensions'), data: join(root, 'user-data'), workspace: join(root, 'workspace') };
  for (const d of [home, ...Object.values(dirs)]) mkdirSync(d, { recursive: true });
  for (const f of opts.fixtures) cpSync(f.from, join(dirs.workspace, f.to), { recursive: true });
  mkdirSync(join(dirs.data, 'User'), { recursive: true });
  writeFileSync(join(dirs.data, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    'workbench.tips.enabled': false, 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'workbench.enableExperiments': false,
    'editor.hover.delay': 200, 'workbench.colorTheme': 'Default Dark Modern', 'window.commandCenter': false, 'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.minimap.enabled': false,
    ...opts.settings,
  }, null, 2));
  const install = spawnSync(CODE_SERVER, ['--extensions-dir', dirs.ext, '--user-data-dir', dirs.data, '--install-extension', opts.vsix], { env, encoding: 'utf8', timeout: 120000 });
  if (install.status !== 0 || !/successfully installed/.test(install.stdout)) throw new Error(`installing ${opts.vsix} failed: ${install.stdout}${install.stderr}`);
  const port = await freePort();
  let out = '';
  const server = spawn(CODE_SERVER, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--extensions-dir', dirs.ext, '--user-data-dir', dirs.data, dirs.workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => { out += d; });
  server.stderr!.on('data', (d) => { out += d; });
  await waitFor(() => /HTTP server listening/.test(out), 60000, () => `code-server did not start:\n${out}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    // playwright gives every launch a fresh temporary profile.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    env,
  });
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  return {
    root, workspace: dirs.workspace, page, browser, server, log: () => out,
    async close() {
      await browser.close().catch(() => undefined);
      const exited = new Promise((r) => { server.once('exit', r); setTimeout(r, 5000).unref(); });
      server.kill('SIGTERM');
      await exited;
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls `cond` (the UI gives no event to await) until it holds, or fails after `ms`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string | (() => string | Promise<string>)): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(typeof what === 'string' ? `timed out: ${what}` : `timed out: ${await what()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Closes a quick input left open (a failed step, a picker still fading out), so the next key opens a fresh one. */
export async function closeQuickInput(page: Page): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  for (let i = 0; i < 3 && await widget.isVisible(); i++) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
  }
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await closeQuickInput(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  await input.press('Enter');
}

/** Types into the open quick pick and waits for a row containing `text`, then accepts it (or toggles it for multi-select). */
export async function quickPick(page: Page, filter: string, rowText: string, multi = false): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(filter);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  await row.waitFor({ state: 'visible', timeout: 15000 });
  if (multi) {
    await row.locator('input[type=checkbox], .quick-input-list-checkbox, .monaco-checkbox').first().click();
    await page.locator('.quick-input-widget .quick-input-action a, .quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();
  } else {
    await input.press('Enter');
  }
}

/** The webview frame (code-server nests the page in two iframes) whose body contains `text`. */
export async function webviewFrame(page: Page, text: string, ms = 30000): Promise<Frame> {
  let found: Frame | undefined;
  await waitFor(async () => {
    for (const f of page.frames()) {
      const has = await bodyText(f).then((b) => b.includes(text), () => false);
      if (has) { found = f; return true; }
    }
    return false;
  }, ms, `a webview showing "${text}"`);
  return found!;
}

/** The visible text of a frame's page. */
export function bodyText(f: Frame): Promise<string> {
  return f.evaluate('document.body ? document.body.innerText : ""') as Promise<string>;
}

export function artifactsDir(repo: string): string {
  const d = process.env.FABRIC_LENS_E2E_ARTIFACTS ?? join(repo, 'build', 'e2e-artifacts');
  mkdirSync(d, { recursive: true });
  return d;
}

export async function shot(page: Page, dir: string, name: string, clip?: Locator): Promise<string> {
  const file = join(dir, `${name}.png`);
  if (clip) await clip.screenshot({ path: file });
  else await page.screenshot({ path: file });
  return file;
}
