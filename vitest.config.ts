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
          testTimeout: 20000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.{ts,tsx}'],
          env: { CI: 'false' },
          testTimeout: 180000,
          hookTimeout: 600000,
          fileParallelism: false,
          globalSetup: ['test/lab/global-setup.ts'],
        },
      },
    ],
  },
});
