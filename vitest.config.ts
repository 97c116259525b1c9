import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs anywhere (npm test); `lab` needs root and starts
// real sshd/dockerd hosts on this machine (npm run test:lab).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          // Ink renders incrementally only outside CI; the TUI tests drive a live terminal.
          env: { CI: 'false' },
          exclude: ['test/lab/**', 'node_modules/**'],
          // A hang guard, not a performance bound: tests that start cosi as a
          // process need room on a loaded 2-core machine (load 15-20 seen).
          testTimeout: 60000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.{ts,tsx}'],
          env: { CI: 'false' },
          testTimeout: 180000,
          hookTimeout: 600000,
          // The lab hosts are live machines on a shared, noisy box: a figure can
          // move between the tool's reading and cosi's. A failure is retried
          // once; a real break fails both times.
          retry: 1,
          fileParallelism: false,
          globalSetup: ['test/lab/global-setup.ts'],
        },
      },
    ],
  },
});
