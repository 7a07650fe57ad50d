// The one schema of the fabricLens.* settings: package.json `contributes.configuration` must equal
// contributedConfiguration() (test/settings-schema.test.ts holds them together); the server reads through readSettingsFrom().
import { ARCHES, isArch, type Arch } from './engine/arch';
import type { RuleSetting } from './engine/check';
import type { Severity } from './engine/findings';

export const TARGET_ARCHES = ['all', ...ARCHES] as const;
export type TargetArch = (typeof TARGET_ARCHES)[number];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

/** Default base of the kernel source browser used to link `path:line` citations in hovers. */
export const DEFAULT_SOURCE_BROWSER = 'https://elixir.bootlin.com/linux/v6.1/source';

export interface FabricLensSettings {
  targetArch: TargetArch;
  topologyFile: string;
  deviceMap: Record<string, string>;
  rules: Record<string, RuleSetting>;
  sourceBrowser: string;
  trace: { server: (typeof TRACE_LEVELS)[number] };
}

export const DEFAULT_SETTINGS: FabricLensSettings = {
  targetArch: 'all',
  topologyFile: '',
  deviceMap: {},
  rules: {},
  sourceBrowser: DEFAULT_SOURCE_BROWSER,
  trace: { server: 'off' },
};

type JsonSchema = Record<string, unknown>;

/** JSON schema of each setting, keyed by its full name, as VS Code shows it in the Settings editor. */
export const SETTINGS_SCHEMA: Record<string, JsonSchema> = {
  'fabricLens.targetArch': {
    type: 'string',
    enum: [...TARGET_ARCHES],
    enumDescriptions: [
      'Every architecture Fabric Lens models; a finding lists the architectures it applies to.',
      'x86-64 (TSO; MMIO accessors are compiler barriers).',
      'arm64 (Device-nGnRE and Normal-NC mappings; dmb/dsb barriers).',
      'powerpc64 (sync/eieio; mmiowb tracking at spin_unlock).',
      'riscv64 (fence-based I/O ordering; mmiowb tracking at spin_unlock).',
    ],
    default: DEFAULT_SETTINGS.targetArch,
    markdownDescription: 'Architecture(s) whose Linux 6.1 I/O memory model the diagnostics are computed for. Also set from the status bar or **Fabric Lens: Select Target Architecture**.',
  },
  'fabricLens.topologyFile': {
    type: 'string',
    default: DEFAULT_SETTINGS.topologyFile,
    markdownDescription: 'PCIe topology (`*.fabric.json`) used by P2P checks and **Fabric Lens: Simulate P2P Between Devices**. Relative paths are resolved against the first workspace folder. Empty: the bundled sample topology.',
  },
  'fabricLens.deviceMap': {
    type: 'object',
    additionalProperties: { type: 'string', pattern: '^([0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]$' },
    default: DEFAULT_SETTINGS.deviceMap,
    markdownDescription: 'Names used in driver code (a driver, variable or struct member naming a device) mapped to the BDF of that device in `#fabricLens.topologyFile#`, e.g. `{ "gpu": "0000:03:00.0" }`.',
  },
  'fabricLens.rules': {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        enabled: { type: 'boolean', description: 'false turns the rule off.' },
        severity: { type: 'string', enum: [...SEVERITIES], description: 'Severity of the rule\'s diagnostics.' },
      },
      additionalProperties: false,
    },
    default: DEFAULT_SETTINGS.rules,
    markdownDescription: 'Per-rule settings by rule id, e.g. `{ "missing-wc-flush": { "severity": "error" }, "missing-wmb-before-doorbell": { "enabled": false } }`.',
  },
  'fabricLens.sourceBrowser': {
    type: 'string',
    default: DEFAULT_SETTINGS.sourceBrowser,
    markdownDescription: 'Base URL of a Linux 6.1 source browser: kernel citations (`path:line`) in hovers become links to `<base>/<path>#L<line>`. Empty: citations are shown as plain code.',
  },
  'fabricLens.trace.server': {
    type: 'string',
    enum: [...TRACE_LEVELS],
    default: DEFAULT_SETTINGS.trace.server,
    description: 'Traces the communication between VS Code and the Fabric Lens language server (in the "Fabric Lens" output channel).',
  },
};

/** What package.json `contributes.configuration` holds. */
export function contributedConfiguration(): { title: string; properties: Record<string, JsonSchema> } {
  return { title: 'Fabric Lens', properties: SETTINGS_SCHEMA };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the `fabricLens` section as a client sends it; anything invalid falls back to its default. */
export function readSettingsFrom(raw: unknown): FabricLensSettings {
  const s = isRecord(raw) ? raw : {};
  const arch = typeof s.targetArch === 'string' && (s.targetArch === 'all' || isArch(s.targetArch)) ? s.targetArch : DEFAULT_SETTINGS.targetArch;
  const deviceMap: Record<string, string> = {};
  if (isRecord(s.deviceMap)) for (const [k, v] of Object.entries(s.deviceMap)) if (typeof v === 'string') deviceMap[k] = v;
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(s.rules)) {
    for (const [id, v] of Object.entries(s.rules)) {
      if (!isRecord(v)) continue;
      const r: RuleSetting = {};
      if (typeof v.enabled === 'boolean') r.enabled = v.enabled;
      if (typeof v.severity === 'string' && (SEVERITIES as readonly string[]).includes(v.severity)) r.severity = v.severity as Severity;
      rules[id] = r;
    }
  }
  const trace = isRecord(s.trace) && typeof s.trace.server === 'string' && (TRACE_LEVELS as readonly string[]).includes(s.trace.server)
    ? s.trace.server as FabricLensSettings['trace']['server'] : DEFAULT_SETTINGS.trace.server;
  return {
    targetArch: arch as TargetArch,
    topologyFile: typeof s.topologyFile === 'string' ? s.topologyFile : DEFAULT_SETTINGS.topologyFile,
    deviceMap,
    rules,
    sourceBrowser: typeof s.sourceBrowser === 'string' ? s.sourceBrowser.replace(/\/+$/, '') : DEFAULT_SETTINGS.sourceBrowser,
    trace: { server: trace },
  };
}

export function archesOfTarget(target: TargetArch): Arch[] {
  return target === 'all' ? [...ARCHES] : [target];
}
