// The server's view of the fabricLens.* settings, with defaults and validation of what clients send.
import { ARCHES, isArch, type Arch } from '../src/engine/arch';

export interface ServerSettings { targetArch: 'all' | Arch }

export const DEFAULT_SETTINGS: ServerSettings = { targetArch: 'all' };

export function readSettings(raw: unknown): ServerSettings {
  const s = (raw ?? {}) as Record<string, unknown>;
  const arch = typeof s.targetArch === 'string' && (s.targetArch === 'all' || isArch(s.targetArch)) ? s.targetArch : 'all';
  return { targetArch: arch as ServerSettings['targetArch'] };
}

export function archesOf(settings: ServerSettings): Arch[] {
  return settings.targetArch === 'all' ? [...ARCHES] : [settings.targetArch];
}
