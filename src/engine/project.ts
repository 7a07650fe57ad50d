// The one core object the CLI, the server and the benchmark share: parser + project index + checks, no file system.
import type { Parser } from 'web-tree-sitter';
import { analyzeText, materializeBody } from '../analysis/analyze-text';
import type { FileFacts } from '../analysis/facts';
import { initParser } from '../analysis/parser';
import { ProjectIndex } from '../analysis/project-index';
import { checkFiles, type CheckOptions } from './check';
import type { Finding } from './findings';

export type SkipReason = 'binary' | 'empty';

export class Project {
  readonly index: ProjectIndex;
  private constructor(readonly parser: Parser) {
    this.index = new ProjectIndex((fn) => materializeBody(parser, fn));
  }

  static async create(wasmDir: string): Promise<Project> {
    return new Project(await initParser(wasmDir));
  }

  /** Why a text is not C worth parsing, or undefined when it is. */
  static skipReason(text: string): SkipReason | undefined {
    if (text.length === 0) return 'empty';
    if (text.slice(0, 8192).includes('\u0000')) return 'binary';
    return undefined;
  }

  /** Parses and indexes one file; replaces any earlier version of it. */
  setFile(path: string, text: string): FileFacts {
    const facts = analyzeText(this.parser, path, text);
    this.index.update(facts);
    return facts;
  }

  removeFile(path: string): void {
    this.index.remove(path);
  }

  check(paths: Iterable<string>, options: CheckOptions = {}): Finding[] {
    return checkFiles(this.index, paths, options);
  }
}
