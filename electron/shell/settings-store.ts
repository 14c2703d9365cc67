import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SettingsStore } from '../core/config/settings-file.js';
import { defaultSettings, settingsSchema, type Settings } from '../core/config/settings-schema.js';

/** The part of electron-store (a `conf` subclass) this adapter uses. */
export interface ConfLike {
  store: Record<string, unknown>;
}

export interface ConfOptions {
  cwd: string;
  name: string;
  /** JSON Schema of each top-level property (conf's `schema`). */
  schema: Record<string, unknown>;
  /** The rest of the root schema (required, additionalProperties…). */
  rootSchema: Record<string, unknown>;
  clearInvalidConfig: boolean;
  configFileMode: number;
  serialize: (value: Record<string, unknown>) => string;
}

export type ConfConstructor = new (options: ConfOptions) => ConfLike;

/**
 * The settings schema as JSON Schema (draft 2020-12, which conf's Ajv speaks), in its
 * input form so that fields may be missing. Defaults are left out: zod applies them on
 * load, and Ajv's strict mode refuses defaults inside the database variants.
 */
export function settingsJsonSchema(): { properties: Record<string, unknown>; root: Record<string, unknown> } {
  const { $schema: _dialect, properties, ...root } = withoutDefaults(z.toJSONSchema(settingsSchema, { io: 'input', unrepresentable: 'any' })) as Record<string, unknown>;
  return { properties: properties as Record<string, unknown>, root };
}

// `isPropertyMap`: the keys are field names (a field may be called "default"), not keywords.
function withoutDefaults(node: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutDefaults(n));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([k]) => isPropertyMap || k !== 'default')
    .map(([k, v]) => [k, withoutDefaults(v, !isPropertyMap && k === 'properties')]));
}

/**
 * Settings through electron-store, in the same `<DATA_DIR>/settings.json` the CLI reads,
 * validated by the same schema, written atomically with mode 0600. electron-store
 * either clears an invalid file (`clearInvalidConfig`) or throws; instead the bad file is
 * moved aside as `settings.corrupt-<time>.json` and defaults are used, exactly the core's
 * rule, so nothing the user wrote is lost.
 */
export function createElectronSettingsStore(opts: { Store: ConfConstructor; dir: string; now?: () => Date }): SettingsStore {
  const file = path.join(opts.dir, 'settings.json');
  const now = opts.now ?? (() => new Date());
  const { properties, root } = settingsJsonSchema();
  const open = () => new opts.Store({
    cwd: opts.dir, name: 'settings', schema: properties, rootSchema: root, clearInvalidConfig: false, configFileMode: 0o600,
    serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
  });
  let store: ConfLike | null = null;
  const moveAside = (reason: string) => {
    const movedTo = path.join(opts.dir, `settings.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.renameSync(file, movedTo);
    return { movedTo, reason };
  };
  return {
    async load() {
      try {
        store = open();
      } catch (e) {
        if (!isContentError(e)) throw e;
        const recovered = moveAside(reasonOf(e));
        store = open();
        return { settings: defaultSettings(), recovered };
      }
      // Rules JSON Schema cannot state (two accounts with one id) are checked here.
      const parsed = settingsSchema.safeParse(store.store);
      if (parsed.success) return { settings: parsed.data, recovered: null };
      const issue = parsed.error.issues[0];
      const recovered = moveAside(`${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`);
      store = open();
      return { settings: defaultSettings(), recovered };
    },
    async save(settings: Settings) {
      const valid = settingsSchema.parse(settings);
      store ??= open();
      store.store = valid as unknown as Record<string, unknown>;
    },
  };
}

/** A file that is not JSON or breaks the schema (not an unreadable disk or a bug). */
function isContentError(e: unknown): boolean {
  return e instanceof SyntaxError || (e instanceof Error && e.message.startsWith('Config schema violation'));
}

function reasonOf(e: unknown): string {
  if (e instanceof SyntaxError) return `not valid JSON (${e.message})`;
  return e instanceof Error ? e.message.replace(/^Config schema violation: /, '') : String(e);
}
