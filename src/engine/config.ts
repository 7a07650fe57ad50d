// The project configuration file (.fabric-lens.json at the root, or --config): target architectures and per-rule
// settings, validated with the JSON path of what is wrong. Pure: the CLI and the server read the file.
import { ARCHES, isArch, type Arch } from './arch';
import type { RuleSetting } from './check';
import type { Severity } from './findings';
import { ruleById } from './rules';

export interface ProjectConfig { arches?: Arch[]; rules: Record<string, RuleSetting>; topology?: string; deviceMap?: Record<string, string> }

export const CONFIG_FILE = '.fabric-lens.json';
const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint'];

/** A rule setting as written: "off", a severity, or { enabled, severity }. */
export function parseRuleSetting(value: unknown, path: string): RuleSetting | string {
  if (value === 'off') return { enabled: false };
  if (value === 'on') return { enabled: true };
  if (typeof value === 'string') return SEVERITIES.includes(value) ? { severity: value as Severity } : `${path}: expected "off", "on" or a severity (error, warning, information, hint), got "${value}"`;
  if (typeof value !== 'object' || value === null) return `${path}: expected "off", a severity or an object`;
  const v = value as Record<string, unknown>;
  if (v.enabled !== undefined && typeof v.enabled !== 'boolean') return `${path}.enabled: expected true or false`;
  if (v.severity !== undefined && !SEVERITIES.includes(String(v.severity))) return `${path}.severity: expected error, warning, information or hint`;
  return { enabled: v.enabled as boolean | undefined, severity: v.severity as Severity | undefined };
}

function parseRules(raw: unknown): Record<string, RuleSetting> | string {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'rules: expected an object of rule id -> setting';
  const out: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(raw)) {
    if (!ruleById(id)) return `rules.${id}: unknown rule id`;
    const s = parseRuleSetting(value, `rules.${id}`);
    if (typeof s === 'string') return s;
    out[id] = s;
  }
  return out;
}

function parseArches(raw: unknown): Arch[] | undefined | string {
  if (raw === undefined || raw === 'all') return raw === 'all' ? [...ARCHES] : undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((a) => typeof a === 'string' && isArch(a))) return `arch: expected "all", one of ${ARCHES.join(', ')}, or a list of them`;
  return list as Arch[];
}

export function parseConfig(text: string): ProjectConfig | string {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) { return `not valid JSON: ${(e as Error).message}`; }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return '(root): expected an object';
  const r = raw as Record<string, unknown>;
  const rules = parseRules(r.rules);
  if (typeof rules === 'string') return rules;
  const arches = parseArches(r.arch);
  if (typeof arches === 'string') return arches;
  if (r.topology !== undefined && typeof r.topology !== 'string') return 'topology: expected a file name';
  if (r.deviceMap !== undefined && (typeof r.deviceMap !== 'object' || r.deviceMap === null)) return 'deviceMap: expected an object';
  return { arches, rules, topology: r.topology as string | undefined, deviceMap: r.deviceMap as Record<string, string> | undefined };
}
