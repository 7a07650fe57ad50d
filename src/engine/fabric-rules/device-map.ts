// The device map: which devices of the topology a driver drives. Keys are driver names (`.name` of its struct
// pci_driver) or `vvvv:dddd` vendor:device pairs; values are BDFs. Given as JSON (`{"mlx5_core": "0000:03:00.0",
// "10de:2330": ["0000:05:00.0", "0000:06:00.0"]}`), inline (`mlx5_core=0000:03:00.0,10de:2330=0000:05:00.0`), or the
// editor setting `fabricLens.deviceMap` (the same JSON object).
import { normalizeBdf } from '../fabric/bdf';

/** key (driver name, or `vvvv:dddd` in lower case) -> canonical BDFs. */
export type DeviceMap = Record<string, string[]>;

export type DeviceMapResult = { ok: true; map: DeviceMap } | { ok: false; error: string };

const VENDOR_DEVICE = /^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/;

function normKey(k: string): string {
  const t = k.trim();
  return VENDOR_DEVICE.test(t) ? t.toLowerCase() : t;
}

function addEntry(map: DeviceMap, key: string, value: unknown, where: string): string | undefined {
  const values = Array.isArray(value) ? value : [value];
  if (!key.trim()) return `${where}: empty driver name or vendor:device`;
  for (const v of values) {
    const bdf = typeof v === 'string' ? normalizeBdf(v.trim()) : undefined;
    if (!bdf) return `${where}: "${String(v)}" is not a BDF (expected dddd:bb:dd.f or bb:dd.f)`;
    const list = (map[normKey(key)] ??= []);
    if (!list.includes(bdf)) list.push(bdf);
  }
  return undefined;
}

/** From a parsed JSON value (the editor setting or a file). */
export function deviceMapFromJson(value: unknown): DeviceMapResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'device map: expected an object {"driver or vvvv:dddd": "BDF" | ["BDF", ...]}' };
  const map: DeviceMap = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const err = addEntry(map, k, v, `device map "${k}"`);
    if (err) return { ok: false, error: err };
  }
  return { ok: true, map };
}

/** From the CLI form `driver=BDF,vvvv:dddd=BDF` (a BDF may repeat a key: `mlx5_core=03:00.0,mlx5_core=03:00.1`). */
export function deviceMapFromInline(text: string): DeviceMapResult {
  const map: DeviceMap = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    if (eq <= 0) return { ok: false, error: `device map: "${part}" is not KEY=BDF` };
    const err = addEntry(map, part.slice(0, eq), part.slice(eq + 1), `device map "${part}"`);
    if (err) return { ok: false, error: err };
  }
  return { ok: true, map };
}

/** JSON text when it looks like an object, else the inline form. */
export function parseDeviceMap(text: string): DeviceMapResult {
  const t = text.trim();
  if (t.startsWith('{')) {
    try { return deviceMapFromJson(JSON.parse(t)); } catch (e) { return { ok: false, error: `device map: invalid JSON: ${(e as Error).message}` }; }
  }
  return deviceMapFromInline(t);
}
