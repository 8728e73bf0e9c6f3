import { defineConfig } from '@playwright/test';

// One real BFF (fresh SQLite in a temp dir) serves the freshly built console for every spec; see
// support/global-setup.ts. Specs use their own mesh names, so they can share it.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './support/global-setup.ts',
  outputDir: './artifacts/test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // One retry in CI, where a loaded 2-core machine can starve the browser; the list reporter still
  // names any test that needed it ("flaky"), so it is seen, not hidden.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
