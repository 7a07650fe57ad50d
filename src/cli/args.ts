// Parses `fabric-lens check` arguments into options, or a usage error message.
import { ARCHES, isArch, type Arch } from '../engine/arch';
import type { Severity } from '../engine/findings';
import type { RuleSetting } from '../engine/check';
import { parseRuleSetting } from '../engine/config';
import { ruleById } from '../engine/rules';

export type FailOn = Severity | 'never';
export interface CheckArgs {
  arches: Arch[]; archGiven: boolean; format: 'text' | 'json' | 'sarif'; failOn: FailOn; paths: string[]; topology?: string; config?: string;
  deviceMap?: string; kbuild: boolean; rules: Record<string, RuleSetting>;
  /** Worker threads that parse and index (default: one per core, one for small inputs). */
  jobs?: number;
}

export const CHECK_USAGE = 'usage: fabric-lens check [--arch x86_64|arm64|powerpc64|riscv64|all] [--format text|json|sarif] [--fail-on error|warning|information|never] [--topology FILE] [--device-map FILE|driver=BDF,vvvv:dddd=BDF] [--no-kbuild] [--jobs N] [--config FILE] [--rule ID=off|on|error|warning|information|hint]... PATH...';

const FAIL_ON = ['error', 'warning', 'information', 'hint', 'never'];

export function parseCheckArgs(argv: string[]): CheckArgs | string {
  const out: CheckArgs = { arches: [...ARCHES], archGiven: false, format: 'text', failOn: 'error', paths: [], kbuild: true, rules: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--arch': {
        const v = value();
        out.archGiven = true;
        if (v === 'all') out.arches = [...ARCHES];
        else if (v && v.split(',').every(isArch)) out.arches = v.split(',') as Arch[];
        else return `unknown architecture '${v ?? ''}' (expected x86_64, arm64, powerpc64, riscv64 or all)`;
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') return `unknown format '${v ?? ''}' (expected text, json or sarif)`;
        out.format = v;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!v || !FAIL_ON.includes(v)) return `unknown --fail-on level '${v ?? ''}' (expected error, warning, information or never)`;
        out.failOn = v as FailOn;
        break;
      }
      case '--topology': { const v = value(); if (!v) return '--topology needs a file'; out.topology = v; break; }
      case '--device-map': { const v = value(); if (!v) return '--device-map needs a file or driver=BDF,vvvv:dddd=BDF'; out.deviceMap = v; break; }
      case '--config': { const v = value(); if (!v) return '--config needs a file'; out.config = v; break; }
      case '--no-kbuild': out.kbuild = false; break;
      case '--jobs': case '-j': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 1 || v > 64) return '--jobs needs a whole number from 1 to 64';
        out.jobs = v;
        break;
      }
      case '--rule': {
        const v = value() ?? '';
        const eq = v.indexOf('=');
        const id = eq < 0 ? '' : v.slice(0, eq);
        if (!ruleById(id)) return `--rule: unknown rule id '${id}' in '${v}' (expected ID=off|on|error|warning|information|hint)`;
        const s = parseRuleSetting(v.slice(eq + 1), `--rule ${id}`);
        if (typeof s === 'string') return s;
        out.rules[id] = s;
        break;
      }
      case '--': out.paths.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (a.startsWith('-') && a !== '-') return `unknown option '${a}'`;
        out.paths.push(a);
    }
  }
  if (out.paths.length === 0) return 'no PATH given';
  return out;
}
