import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/core/redact.js';
import { createLogger } from '../../../electron/core/logging/logger.js';

function sink(): { stream: Writable; text: () => string } {
  let out = '';
  return {
    stream: new Writable({ write(c: Buffer, _e, cb) { out += c.toString(); cb(); } }),
    text: () => out,
  };
}

// A log file whose disk turned read-only: every write fails, and the stream emits 'error'.
function failingFile(): Writable {
  return new Writable({
    write(_c, _e, cb) {
      cb(Object.assign(new Error('EROFS: read-only file system, write'), { code: 'EROFS' }));
    },
  });
}

describe('createLogger when the log file cannot be written', () => {
  it('keeps logging to the fallback, says so once, and never throws or emits an unhandled error', async () => {
    const fallback = sink();
    const redactor = createRedactor();
    redactor.addSecret('s3cret-value-1234');
    const log = createLogger({ logDir: '/tmp', level: 'info', redactor, console: null, fallback: fallback.stream, openFile: failingFile });
    log.info('first line');
    log.warn('second line with s3cret-value-1234');
    log.info('third line');
    await new Promise((r) => setTimeout(r, 20));
    await log.close();
    const text = fallback.text();
    expect(text.match(/cannot be written \(EROFS\); logging to stderr instead/g)).toHaveLength(1);
    // No line is lost, and the fallback is redacted like the file.
    for (const line of ['first line', 'second line with [redacted]', 'third line']) expect(text).toContain(line);
    expect(text).not.toContain('s3cret-value-1234');
  });

  it('falls back when the log folder cannot even be created', async () => {
    const fallback = sink();
    const log = createLogger({ logDir: '/dev/null/logs', level: 'info', redactor: createRedactor(), console: null, fallback: fallback.stream });
    log.info('still here');
    await log.close();
    expect(fallback.text()).toMatch(/^warning: the log file in \/dev\/null\/logs cannot be written \(ENOTDIR\)/);
    expect(fallback.text()).toContain('still here');
  });
});
