import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { SyncRunSummary } from '../../shared/api.js';
import type { AppStatus } from '../../shared/domain.js';
import { afterSync, keyExpiryNotices, memoryFromStatus, type KeyExpiry, type NotificationMemory, type PlannedNotification } from './notification-policy.js';

const memorySchema = z.object({ lastRunOk: z.boolean().nullable(), sentAt: z.record(z.string(), z.string()) });

export interface NotifierDeps {
  /** Where the policy's memory is kept, so "once per cause per day" holds across restarts. */
  file: string;
  show: (n: PlannedNotification) => void;
  /** The settings' switch, read at each decision. */
  enabled: () => boolean;
  now: () => Date;
  warn: (message: string, data?: Record<string, unknown>) => void;
}

export interface Notifier {
  start(status: AppStatus | null): Promise<void>;
  syncFinished(summary: SyncRunSummary): Promise<void>;
  keysChecked(keys: readonly KeyExpiry[]): Promise<void>;
}

/** Feeds events to the pure policy (notification-policy.ts) and shows what it decides. */
export function createNotifier(deps: NotifierDeps): Notifier {
  let memory: NotificationMemory = { lastRunOk: null, sentAt: {} };
  let queue: Promise<void> = Promise.resolve();
  const ctx = () => ({ now: deps.now(), enabled: deps.enabled() });
  // Decisions run one after another: two quick events must not both see the old memory.
  const step = (decide: (m: NotificationMemory) => { memory: NotificationMemory; notify: PlannedNotification[] }) => {
    queue = queue.then(async () => {
      const out = decide(memory);
      memory = out.memory;
      for (const n of out.notify) deps.show(n);
      await save(deps.file, memory);
    }).catch((e: unknown) => deps.warn('notification state not saved', { message: String(e) }));
    return queue;
  };
  return {
    async start(status) {
      memory = memoryFromStatus(status, await load(deps.file));
    },
    syncFinished: (summary) => step((m) => afterSync(m, summary, ctx())),
    keysChecked: (keys) => step((m) => keyExpiryNotices(m, keys, ctx())),
  };
}

async function load(file: string): Promise<NotificationMemory | null> {
  try {
    const parsed = memorySchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Missing or unreadable: start fresh; at worst one notification repeats.
    return null;
  }
}

async function save(file: string, memory: NotificationMemory): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(memory), { mode: 0o600 });
  await fs.rename(tmp, file);
}
