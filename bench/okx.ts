// `npm run bench:okx`: the OKX figures alone, put into BENCHMARKS.md's OKX section.
import fs from 'node:fs/promises';
import path from 'node:path';
import { measureOkx, renderOkxSection, withOkxSection } from './okx-figures.js';

const file = path.resolve(import.meta.dirname, '..', 'BENCHMARKS.md');
const figures = await measureOkx(50);
process.stdout.write(`${renderOkxSection(figures)}\n`);
await fs.writeFile(file, withOkxSection(await fs.readFile(file, 'utf8'), figures));
process.stderr.write('bench: wrote the OKX section of BENCHMARKS.md\n');
