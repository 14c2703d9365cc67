import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The e2e tests need the built CLI and dashboard (built once, before any test file).
    globalSetup: ['test/helpers/global-setup.ts', 'test/e2e/build-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each start servers; two cores, so two workers.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // Run electron-store through Vite so a test's vi.mock('electron') reaches its import of Electron.
    server: { deps: { inline: ['electron-store'] } },
  },
});
