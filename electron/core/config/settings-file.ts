import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultSettings, settingsSchema, type Settings } from './settings-schema.js';

/** Reads and writes settings; the CLI uses a JSON file, the shell may use electron-store. */
export interface SettingsStore {
  load(): Promise<SettingsLoadResult>;
  save(settings: Settings): Promise<void>;
}

export interface SettingsLoadResult {
  settings: Settings;
  /** Set when the file was unreadable and moved aside; the user must be told. */
  recovered: { movedTo: string; reason: string } | null;
}

/**
 * Settings in a JSON file, validated by {@link settingsSchema}. A corrupt file (bad
 * JSON or a schema violation) is never silently overwritten: it is renamed to
 * `settings.corrupt-<time>.json` and defaults are used, so nothing the user wrote is lost.
 */
export function createSettingsFile(file: string, clock: () => Date = () => new Date()): SettingsStore {
  return {
    async load() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings(), recovered: null };
        throw e;
      }
      const reason = validate(text);
      if (reason.ok) return { settings: reason.settings, recovered: null };
      const stamp = clock().toISOString().replace(/[:.]/g, '-');
      const movedTo = path.join(path.dirname(file), `${path.basename(file, '.json')}.corrupt-${stamp}.json`);
      await fs.rename(file, movedTo);
      return { settings: defaultSettings(), recovered: { movedTo, reason: reason.error } };
    },
    async save(settings) {
      const valid = settingsSchema.parse(settings);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write-then-rename so a crash mid-write never leaves half a file behind.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(valid, null, 2) + '\n', { mode: 0o600 });
      await fs.rename(tmp, file);
    },
  };
}

function validate(text: string): { ok: true; settings: Settings } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const first = parsed.error.issues[0];
  return { ok: false, error: `${first?.path.join('.') || 'settings'}: ${first?.message ?? 'invalid'}` };
}
