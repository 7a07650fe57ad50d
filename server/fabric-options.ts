// The fabric rules' inputs in the editor: the topology named by fabricLens.topologyFile (relative to the first
// workspace folder) and fabricLens.deviceMap, read once per settings change; problems are logged, never thrown.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { formatIssue, parseTopologyText, type Topology } from '../src/engine/fabric';
import { deviceMapFromJson, type DeviceMap } from '../src/engine/fabric-rules/device-map';
import type { ServerSettings } from './settings';

export interface FabricOptions { topology?: Topology; deviceMap?: DeviceMap }

export function loadFabricOptions(settings: ServerSettings, roots: readonly string[], log: (m: string) => void): FabricOptions {
  const out: FabricOptions = {};
  if (settings.topologyFile) {
    const file = isAbsolute(settings.topologyFile) || roots.length === 0 ? settings.topologyFile : join(roots[0], settings.topologyFile);
    try {
      const r = parseTopologyText(readFileSync(file, 'utf8'));
      if (r.topology) out.topology = r.topology;
      else log(`fabric-lens: topology ${file} is invalid:\n${r.errors.map((e) => `  ${formatIssue(e)}`).join('\n')}`);
    } catch (e) {
      log(`fabric-lens: cannot read topology ${file}: ${(e as Error).message}`);
    }
  }
  if (Object.keys(settings.deviceMap).length > 0) {
    const r = deviceMapFromJson(settings.deviceMap);
    if (r.ok) out.deviceMap = r.map; else log(`fabric-lens: fabricLens.deviceMap: ${r.error}`);
  }
  return out;
}
