import fs from 'node:fs/promises';

/** The last `maxLines` lines of a text file written from byte `from` on; '' if unreadable. */
export async function readLogTail(file: string, from = 0, maxLines = 15): Promise<string> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      // 16 KB is plenty for the lines that explain a failed start.
      const start = Math.max(from, size - 16_384);
      const buf = Buffer.alloc(Math.max(0, size - start));
      await handle.read(buf, 0, buf.length, start);
      return buf.toString('utf8').split('\n').filter((l) => l.trim() !== '').slice(-maxLines).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

export async function fileSize(file: string): Promise<number> {
  return fs.stat(file).then((s) => s.size, () => 0);
}
