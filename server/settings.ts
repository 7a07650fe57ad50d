// The server's view of the fabricLens.* settings: the schema, defaults and validation live in src/settings-schema.ts.
import type { Arch } from '../src/engine/arch';
import { archesOfTarget, DEFAULT_SETTINGS as SCHEMA_DEFAULTS, readSettingsFrom, type FabricLensSettings } from '../src/settings-schema';

export type ServerSettings = FabricLensSettings;

export const DEFAULT_SETTINGS: ServerSettings = SCHEMA_DEFAULTS;

export function readSettings(raw: unknown): ServerSettings {
  return readSettingsFrom(raw);
}

export function archesOf(settings: ServerSettings): Arch[] {
  return archesOfTarget(settings.targetArch);
}
