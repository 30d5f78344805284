import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

// The account page: built to dist/apps/web/public, served by the gateway (apps/web/src) on one origin.
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist/apps/web/public', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Everything from the origin: no CDN, no inline scripts (the gateway's CSP allows 'self' only).
    assetsInlineLimit: 0,
  },
  test: {
    root: here,
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
