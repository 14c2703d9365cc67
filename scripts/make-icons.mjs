// Draws the app icon and the tray icons (one per state, plus macOS template images) and
// writes them as PNG files under build/. No image library: shapes are rasterised with
// 4×4 supersampling and encoded with zlib. The output is committed; run this again
// after changing a shape (`node scripts/make-icons.mjs`).
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// --- PNG encoding ------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
/** RGBA pixels (Uint8Array, row-major) → PNG bytes. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// --- Shapes in unit coordinates (0..1) ------------------------------------------------
const dist = (ax, ay, bx, by) => Math.hypot(ax - bx, ay - by);
function segDist(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return dist(px, py, ax + t * (bx - ax), ay + t * (by - ay));
}
const PULSE = [[0.2, 0.52], [0.36, 0.52], [0.44, 0.32], [0.54, 0.72], [0.62, 0.46], [0.8, 0.46]];
const onPulse = (x, y, width) => PULSE.slice(1).some((p, i) => segDist(x, y, PULSE[i], p) <= width / 2);
const inDisc = (x, y, r) => dist(x, y, 0.5, 0.5) <= r;
const onRing = (x, y, r, w) => Math.abs(dist(x, y, 0.5, 0.5) - r) <= w / 2;
// A ring with a gap at the top right: the "sync" arrows.
const onArc = (x, y, r, w) => onRing(x, y, r, w) && !(x > 0.5 && y < 0.5 && Math.atan2(0.5 - y, x - 0.5) > 0.35 && Math.atan2(0.5 - y, x - 0.5) < 1.25);
const onArrowHead = (x, y) => {
  // A small triangle at the gap's end, pointing along the ring.
  const [ax, ay, bx, by, cx, cy] = [0.66, 0.06, 0.9, 0.2, 0.66, 0.34];
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by); const d2 = s(x, y, bx, by, cx, cy); const d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const onBang = (x, y) => (Math.abs(x - 0.5) <= 0.07 && y >= 0.22 && y <= 0.6) || dist(x, y, 0.5, 0.75) <= 0.08;

const TEAL = [23, 165, 137, 255];
const BLUE = [46, 134, 222, 255];
const RED = [214, 48, 49, 255];
const GREY = [138, 143, 152, 255];
const WHITE = [255, 255, 255, 255];
const BLACK = [0, 0, 0, 255];

/** Each shape: (x, y) → RGBA or null (transparent). */
const TRAY = {
  idle: { color: (x, y) => (inDisc(x, y, 0.46) ? (onPulse(x, y, 0.11) ? WHITE : TEAL) : null),
    template: (x, y) => (inDisc(x, y, 0.46) && !onPulse(x, y, 0.12) ? BLACK : null) },
  syncing: { color: (x, y) => (inDisc(x, y, 0.46) ? (onArc(x, y, 0.27, 0.11) ? WHITE : BLUE) : null),
    template: (x, y) => (onArc(x, y, 0.36, 0.14) || onArrowHead(x, y) ? BLACK : null) },
  error: { color: (x, y) => (inDisc(x, y, 0.46) ? (onBang(x, y) ? WHITE : RED) : null),
    template: (x, y) => (inDisc(x, y, 0.46) && !onBang(x, y) ? BLACK : null) },
  // Offline and paused: a hollow grey ring, the app at rest.
  offline: { color: (x, y) => (onRing(x, y, 0.39, 0.13) || onPulse(x, y, 0.09) ? GREY : null),
    template: (x, y) => (onRing(x, y, 0.39, 0.13) || onPulse(x, y, 0.09) ? [0, 0, 0, 150] : null) },
};

function appIcon(x, y) {
  // A rounded square with a white pulse line.
  const r = 0.2;
  const qx = Math.max(Math.abs(x - 0.5) - (0.44 - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.44 - r), 0);
  if (Math.hypot(qx, qy) > r) return null;
  if (onPulse(x, y, 0.06)) return WHITE;
  const t = y; // vertical gradient teal → blue
  return [Math.round(TEAL[0] * (1 - t) + BLUE[0] * t), Math.round(TEAL[1] * (1 - t) + BLUE[1] * t), Math.round(TEAL[2] * (1 - t) + BLUE[2] * t), 255];
}

/** Rasterises a shape at `size` px with 4×4 supersampling (premultiplied averaging). */
function render(size, shape) {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0; let g = 0; let b = 0; let a = 0;
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const c = shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha; g += c[1] * alpha; b += c[2] * alpha; a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a); out[i + 1] = Math.round(g / a); out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((a / (n * n)) * 255);
      }
    }
  }
  return out;
}

function write(file, size, shape) {
  const full = path.join(root, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, encodePng(size, render(size, shape)));
  console.log(`${file} (${size}×${size})`);
}

write('build/icon.png', 1024, appIcon);
for (const [state, { color, template }] of Object.entries(TRAY)) {
  write(`build/tray/tray-${state}.png`, 16, color);
  write(`build/tray/tray-${state}@2x.png`, 32, color);
  // macOS picks "…Template" images up as template images (tinted for light and dark menu bars).
  write(`build/tray/tray-${state}Template.png`, 16, template);
  write(`build/tray/tray-${state}Template@2x.png`, 32, template);
}
