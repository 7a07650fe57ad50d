// Indexes the workspace's C files in the background so helpers and struct members defined in closed files are known,
// nearest the open documents first and within a memory budget (a whole kernel tree does not fit a language server's
// heap), and keeps the index current: a watched file that changes on disk (or a document that closes) is re-indexed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Project } from '../src/engine/project';
import { byNearness, estimatedHeapCost, HEAP_STOP_SHARE, INDEX_SHARE_OF_HEAP, nearestOpen, directoryParts } from './index-priority';

const MAX_LISTED = 200_000;
const MAX_BYTES = 8 * 1024 * 1024;
const SLICE = 25;
/** Files in a row that do not fit the budget before a pass gives up on the rest (all farther or as far). */
const MISSES_BEFORE_STOP = 100;

/** The C files under a folder, depth first in name order (hidden folders and node_modules skipped). */
export function listCFiles(root: string, out: string[] = []): string[] {
  let entries;
  try { entries = readdirSync(root, { withFileTypes: true }); } catch { return out; }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // the same order on every file system
  for (const e of entries) {
    if (out.length >= MAX_LISTED) break;
    const full = join(root, e.name);
    if (e.isDirectory()) { if (!e.name.startsWith('.') && e.name !== 'node_modules') listCFiles(full, out); }
    else if (e.isFile() && /\.(c|h)$/.test(e.name)) out.push(full);
  }
  return out;
}

/** A file's text when it is C worth indexing: not over 8 MB, not binary, readable. */
function readIndexable(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_BYTES) return undefined;
    const text = readFileSync(file, 'utf8');
    return text.includes('\u0000') ? undefined : text;
  } catch { return undefined; }
}

/** The index's default budget: a share of this process's heap limit, in estimated heap bytes. */
export function defaultIndexBudget(): number {
  return Math.floor(getHeapStatistics().heap_size_limit * INDEX_SHARE_OF_HEAP);
}

function heapShareInUse(): number {
  const h = getHeapStatistics();
  return h.used_heap_size / h.heap_size_limit;
}

export type WatchedChange = 'created' | 'changed' | 'deleted';

export interface IndexerHooks {
  isOpen(path: string): boolean;
  /** The paths of the open documents, which decide what is nearest. */
  openPaths(): string[];
  /** The share of the heap limit in use (default: this process's). */
  heapShare?(): number;
}

/** What a pass of the indexer did. */
export interface PassResult { indexed: number; evicted: number; leftOut: number; stoppedByHeap: boolean }

/**
 * The background index of a workspace. Each pass takes the files not yet indexed nearest the open documents first;
 * when the next does not fit the budget, files farther from every open document than it are dropped to make room,
 * and when nothing farther is left the pass stops. A document opening starts a new pass, so its neighbourhood comes in.
 */
export class WorkspaceIndexer {
  private readonly files: string[];
  private readonly known: Set<string>;
  private readonly indexed = new Map<string, number>();
  private readonly costs = new Map<string, number>();
  private used = 0;
  private again = false;
  private running: Promise<PassResult> | undefined;
  /** Told how many files are indexed of how many, every few files of a pass (the first pass's window progress). */
  onProgress: ((indexed: number, total: number) => void) | undefined;
  /** Told what the passes did each time the indexer falls idle (once, however many callers awaited it). */
  onIdle: ((result: PassResult) => void) | undefined;

  constructor(private readonly project: Project, files: string[], readonly budget: number, private readonly hooks: IndexerHooks) {
    this.files = [...files];
    this.known = new Set(files);
  }

  get total(): number { return this.files.length; }
  get indexedCount(): number { return this.indexed.size; }
  get usedEstimate(): number { return this.used; }
  isIndexed(path: string): boolean { return this.indexed.has(path); }

  /** Starts a pass, or asks the running one to rank again (a document opened); resolves when the indexer is idle. */
  run(): Promise<PassResult> {
    this.again = true;
    this.running ??= this.passes().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Passes until none was interrupted; what they indexed and dropped adds up, what was left out is the last one's. */
  private async passes(): Promise<PassResult> {
    let last: PassResult = { indexed: 0, evicted: 0, leftOut: 0, stoppedByHeap: false };
    let indexed = 0;
    let evicted = 0;
    while (this.again) {
      this.again = false;
      last = await this.pass();
      indexed += last.indexed;
      evicted += last.evicted;
    }
    const result = { ...last, indexed, evicted };
    this.onIdle?.(result);
    return result;
  }

  private async pass(): Promise<PassResult> {
    const result: PassResult = { indexed: 0, evicted: 0, leftOut: 0, stoppedByHeap: false };
    const openPaths = this.hooks.openPaths();
    const openDirs = openPaths.map(directoryParts);
    const evictable = [...this.indexed.keys()].map((file) => ({ file, near: nearestOpen(file, openDirs) })).sort((a, b) => a.near - b.near);
    let nextEviction = 0;
    let misses = 0;
    const ranked = byNearness(this.files.filter((f) => !this.indexed.has(f)), openPaths);
    for (let i = 0; i < ranked.length; i++) {
      if (this.again) return result; // a document opened: rank again
      const { file, near } = ranked[i];
      if (this.hooks.isOpen(file) || this.indexed.has(file)) continue;
      const text = readIndexable(file);
      if (text === undefined) continue;
      const cost = this.costOf(file, text);
      while (this.used + cost > this.budget && nextEviction < evictable.length && evictable[nextEviction].near < near) {
        result.evicted += this.evict(evictable[nextEviction++].file);
      }
      if (this.used + cost > this.budget) {
        result.leftOut++;
        if (++misses >= MISSES_BEFORE_STOP) { result.leftOut = ranked.length - i - 1 + result.leftOut; break; }
        continue;
      }
      misses = 0;
      this.add(file, text, cost);
      result.indexed++;
      if (result.indexed % SLICE === 0) {
        this.onProgress?.(this.indexed.size, this.files.length);
        await new Promise((r) => setImmediate(r));
        if ((this.hooks.heapShare ?? heapShareInUse)() > HEAP_STOP_SHARE) { result.stoppedByHeap = true; result.leftOut += ranked.length - i - 1; break; }
      }
    }
    this.onProgress?.(this.indexed.size, this.files.length);
    return result;
  }

  private costOf(file: string, text: string): number {
    let cost = this.costs.get(file);
    if (cost === undefined) { cost = estimatedHeapCost(text); this.costs.set(file, cost); }
    return cost;
  }

  private add(file: string, text: string, cost: number): void {
    this.project.setFile(file, text);
    this.used += cost - (this.indexed.get(file) ?? 0);
    this.indexed.set(file, cost);
  }

  /** Drops a file from the index (not an open document's: the editor's text stays); returns 1 when it was dropped. */
  private evict(file: string): number {
    const cost = this.indexed.get(file);
    if (cost === undefined || this.hooks.isOpen(file)) return 0;
    this.project.removeFile(file);
    this.indexed.delete(file);
    this.used -= cost;
    return 1;
  }

  /** A document closed: its file stays indexed, read again from disk (its editor text may not have been saved). */
  closed(file: string): void {
    const text = readIndexable(file);
    if (text === undefined) { this.forget(file); return; }
    this.costs.delete(file);
    this.add(file, text, this.costOf(file, text));
    if (!this.known.has(file)) { this.known.add(file); this.files.push(file); }
  }

  /**
   * Applies file-watcher events (open documents are skipped: their editor text wins): an indexed file is read again or
   * dropped, a new one joins the files a pass may take. Returns how many indexed files changed and how many are new.
   */
  applyChanges(changes: { path: string; type: WatchedChange }[]): { changed: number; created: number } {
    const counts = { changed: 0, created: 0 };
    for (const c of changes) {
      if (!/\.(c|h)$/.test(c.path) || this.hooks.isOpen(c.path)) continue;
      this.costs.delete(c.path);
      if (c.type === 'deleted') counts.changed += this.forget(c.path);
      else if (this.indexed.has(c.path)) { this.closed(c.path); counts.changed++; }
      else if (!this.known.has(c.path)) { this.known.add(c.path); this.files.push(c.path); counts.created++; }
    }
    return counts;
  }

  private forget(file: string): number {
    const had = this.indexed.has(file);
    if (had) { this.used -= this.indexed.get(file)!; this.indexed.delete(file); }
    this.project.removeFile(file);
    if (this.known.delete(file)) this.files.splice(this.files.indexOf(file), 1);
    return had ? 1 : 0;
  }
}
