import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One build for both front ends: Electron loads it from app://alphapulse/, `serve` over
// HTTP. Relative URLs (base './') work under both.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No data: URLs for fonts or scripts: the CSP allows only the app's own files.
    assetsInlineLimit: 0,
    // Chromium (Electron and the browsers `serve` targets) preloads modules natively; the polyfill is dead code.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // The start bundle holds React and the screens; Recharts comes in its own chunk with History.
    chunkSizeWarningLimit: 1024,
  },
  // `ELECTRON_RENDERER_URL=http://localhost:5173 npm start` loads this dev server.
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
});
