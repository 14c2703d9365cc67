import { defineConfig } from 'vitest/config';

// The unit tests alone, for mutation testing (stryker.config.mjs): Stryker runs them once
// per mutant, so nothing here may need PostgreSQL, a build or a server.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 60_000,
    // Run electron-store through Vite so a test's vi.mock('electron') reaches its import of Electron.
    server: { deps: { inline: ['electron-store'] } },
  },
});
