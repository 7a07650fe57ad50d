// Test access to the real core: a Project over the built wasm files in dist/ (run `npm run build` first).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Project } from '../../src/engine/project';

function findRepo(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The repository root (tests run from bundles in build/test/, at any depth). */
export const REPO = findRepo(__dirname);
export const DIST = join(REPO, 'dist');
export const FIXTURES = join(REPO, 'test-fixtures');

export function newProject(): Promise<Project> {
  return Project.create(DIST);
}
