// A small LSP test client: spawns the bundled server (`node dist/server.js --stdio`) and speaks typed LSP to it,
// so protocol tests read as data: open a text, await the diagnostics the server publishes (with a timeout, no sleeps).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIST } from './project';

export interface StartOptions {
  /** Advertise `workspace.configuration`, so the server pulls settings with `workspace/configuration`. */
  pullConfiguration?: boolean;
  /** What the client answers for the `fabricLens` section (pull) and sends in initializationOptions. */
  settings?: Record<string, unknown>;
  /** Debounce of re-analysis after didChange, passed to the server in initializationOptions. */
  debounceMs?: number;
  /** Workspace folders (file system paths) the server indexes in the background. */
  workspaceFolders?: string[];
}

/** One publishDiagnostics notification as received, numbered in arrival order. */
export interface Published extends PublishDiagnosticsParams { seq: number }

export const DEFAULT_TIMEOUT_MS = 20_000;

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export class LspClient {
  readonly published: Published[] = [];
  readonly serverLog: string[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  /** How many workspace/configuration requests the server made. */
  configurationRequests = 0;
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private exited = false;
  private exitWaiters: Array<() => void> = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams, readonly connection: ProtocolConnection, public settings: Record<string, unknown>) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [join(DIST, 'server.js'), '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, { targetArch: 'all', ...options.settings });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => { client.stderr += s; });
    child.on('exit', () => { client.exited = true; for (const w of client.exitWaiters) w(); client.notify(); });
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.published.push({ ...p, seq: client.published.length });
      client.notify();
    });
    connection.onNotification(LogMessageNotification.type, (p) => { client.serverLog.push(p.message); });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      client.configurationRequests++;
      return params.items.map((item) => (item.section === 'fabricLens' ? client.settings : null));
    });
    connection.listen();
    client.initializeResult = await withTimeout(connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: (options.workspaceFolders ?? []).map((p) => ({ uri: fileUri(p), name: p })),
      capabilities: {
        workspace: { configuration: options.pullConfiguration === true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
        },
      },
      initializationOptions: { settings: client.settings, debounceMs: options.debounceMs ?? 50 },
    }), DEFAULT_TIMEOUT_MS, 'initialize');
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  // --- documents --------------------------------------------------------------------------------------------

  async open(uri: string, text: string, languageId = 'c'): Promise<number> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Sends the whole new text (the server syncs full documents); returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  /** Opens a document and returns the diagnostics published for its first version. */
  async openAndWait(uri: string, text: string): Promise<Published> {
    const since = this.mark();
    await this.open(uri, text);
    return this.diagnostics(uri, { since, version: 1 });
  }

  /** Changes a document and returns the diagnostics published for the new version. */
  async changeAndWait(uri: string, text: string): Promise<Published> {
    const since = this.mark();
    const version = await this.change(uri, text);
    return this.diagnostics(uri, { since, version });
  }

  // --- diagnostics --------------------------------------------------------------------------------------------

  /** A marker: diagnostics published from now on have seq >= mark(). */
  mark(): number {
    return this.published.length;
  }

  /**
   * The first publishDiagnostics for `uri` with seq >= since that matches (version, where), awaited up to the timeout.
   * Fails with what was published instead, so a failing test says what the server did.
   */
  async diagnostics(uri: string, want: { since?: number; version?: number | null; where?: (p: Published) => boolean; timeoutMs?: number } = {}): Promise<Published> {
    const since = want.since ?? 0;
    const matches = (p: Published) => p.uri === uri && p.seq >= since && (want.version === undefined || (p.version ?? null) === want.version) && (!want.where || want.where(p));
    const describe = () => `${uri} (version ${want.version ?? 'any'}); published for it: ${JSON.stringify(this.published.filter((p) => p.uri === uri && p.seq >= since).map((p) => ({ version: p.version, codes: p.diagnostics.map((d) => d.code) })))}; server stderr: ${this.stderr.slice(-2000)}`;
    return this.until(() => this.published.find(matches), want.timeoutMs ?? DEFAULT_TIMEOUT_MS, `diagnostics for ${describe()}`, () => describe());
  }

  // --- requests -----------------------------------------------------------------------------------------------

  hover(uri: string, position: Position): Promise<Hover | null> {
    return withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), DEFAULT_TIMEOUT_MS, 'hover');
  }

  /** Hover inside `word` where it first occurs (on the first line containing `onLine`, if given) in the current text. */
  hoverOn(uri: string, word: string, onLine?: string): Promise<Hover | null> {
    return this.hover(uri, positionOf(this.text(uri), word, onLine));
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const result = await withTimeout(this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } }), DEFAULT_TIMEOUT_MS, 'codeAction');
    return (result ?? []).filter((a): a is CodeAction => !isCommand(a));
  }

  // --- configuration ------------------------------------------------------------------------------------------

  /** Push: the new settings travel in the notification (clients without workspace/configuration). */
  async pushConfiguration(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { fabricLens: settings } });
  }

  /** Pull: the client only says "changed"; the server asks back with workspace/configuration. */
  async signalConfigurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  // --- raw bytes and lifetime ---------------------------------------------------------------------------------

  /** Writes one LSP message whose JSON body is given as raw bytes (e.g. with invalid UTF-8 inside a string). */
  sendRawMessage(body: Buffer): Promise<void> {
    const header = Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii');
    return new Promise((resolve, reject) => this.child.stdin.write(Buffer.concat([header, body]), (e) => (e ? reject(e) : resolve())));
  }

  get alive(): boolean {
    return !this.exited && this.child.exitCode === null;
  }

  async stop(): Promise<void> {
    if (!this.alive) { this.connection.dispose(); return; }
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5000, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
      await withTimeout(exited, 5000, 'server exit');
    } catch {
      this.child.kill('SIGKILL');
    } finally {
      this.connection.dispose();
    }
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string, detail: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v !== undefined) { done(); resolve(v); return; }
        if (this.exited) { done(); reject(new Error(`server exited while waiting for ${what}`)); }
      };
      const timer = setTimeout(() => { done(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${detail()}`)); }, timeoutMs);
      const done = () => { clearTimeout(timer); this.waiters.delete(check); };
      this.waiters.add(check);
      check();
    });
  }
}

function isCommand(a: CodeAction | Command): a is Command {
  return typeof (a as Command).command === 'string';
}

export function withTimeout<T>(p: PromiseLike<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/** A 0-based position one character inside the first `word` in `text` (on the first line containing `onLine`, if given). */
export function positionOf(text: string, word: string, onLine?: string): Position {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(onLine ?? word) && l.includes(word));
  if (line < 0) throw new Error(`no line contains '${word}'${onLine ? ` and '${onLine}'` : ''}`);
  return { line, character: lines[line].indexOf(word) + 1 };
}

/** The text after applying the edits one client would apply for `uri` from a code action's WorkspaceEdit. */
export function applyEdits(uri: string, text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'c', 0, text), edits);
}

/** 1-based line numbers of lines containing `needle`. */
export function linesContaining(text: string, needle: string): number[] {
  return text.split('\n').flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
}

/** A diagnostic's message as plain text (LSP 3.18 allows MarkupContent there). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
