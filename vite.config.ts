import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `npm run dev` (scripts/dev.mjs) runs the server on PORT and this dev server beside it.
const apiPort = process.env.PORT && process.env.PORT !== '0' ? process.env.PORT : '3000';

// One config for the client build and for the test runner.
// The client lives in client/ and is built to dist/client, which the server serves.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${apiPort}`,
      '/ws': { target: `ws://127.0.0.1:${apiPort}`, ws: true },
    },
  },
  test: {
    root: '.',
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/src/**/*.test.ts', 'client/e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Waiting for something to appear on another screen: give it time, fail clearly if it never does.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
