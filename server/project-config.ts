// Reads .fabric-lens.json at the workspace root; the editor's fabricLens.rules settings win over it rule by rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, parseConfig, type ProjectConfig } from '../src/engine/config';
import type { ServerSettings } from './settings';

export function readProjectConfig(roots: readonly string[], log: (m: string) => void): ProjectConfig | undefined {
  for (const root of roots) {
    let text: string;
    try { text = readFileSync(join(root, CONFIG_FILE), 'utf8'); } catch { continue; }
    const c = parseConfig(text);
    if (typeof c === 'string') { log(`fabric-lens: ${join(root, CONFIG_FILE)}: ${c}`); return undefined; }
    return c;
  }
  return undefined;
}

export function withProjectConfig(settings: ServerSettings, config: ProjectConfig | undefined): ServerSettings {
  if (!config) return settings;
  return { ...settings, rules: { ...config.rules, ...settings.rules }, topologyFile: settings.topologyFile || config.topology || '' };
}
