import { defineConfig } from 'vitest/config';

// Three projects, so each kind of test pays only for what it needs. A project's global
// setup runs only when one of its files is selected: `vitest run test/unit` starts no
// PostgreSQL and builds nothing.
const POSTGRES = 'test/helpers/global-setup.ts';
// The built CLI and dashboard, brought up to date once before any file of the project
// starts, so no two test files build at the same time.
const BUILD = 'test/e2e/build-setup.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each start servers; two cores, so two workers.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // Run electron-store through Vite so a test's vi.mock('electron') reaches its import of Electron.
    server: { deps: { inline: ['electron-store'] } },
    projects: [
      // Pure logic: no database, no build, no servers.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // Real PostgreSQL and the fake Bybit; a few files run the built CLI.
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: [POSTGRES, BUILD] } },
      // `serve` as a child process (built CLI and dashboard) driven in Chromium.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: [POSTGRES, BUILD] } },
    ],
  },
});
