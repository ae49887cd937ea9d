import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const configDir = path.dirname(fileURLToPath(import.meta.url));
const workspaceRoot = path.resolve(configDir, '../..');
const apiTarget = 'http://localhost:3000';

export default defineConfig({
  root: configDir,
  plugins: [react()],
  resolve: {
    alias: {
      '@hushdesk/api-client': path.resolve(workspaceRoot, 'libs/api-client/src/index.ts'),
      '@hushdesk/contracts': path.resolve(workspaceRoot, 'libs/contracts/src/index.ts'),
      // Types only: the web app must not bundle its runtime code (it uses node:crypto).
      '@hushdesk/privacy': path.resolve(workspaceRoot, 'libs/privacy/src/index.ts'),
      '@hushdesk/rich-text': path.resolve(workspaceRoot, 'libs/rich-text/src/index.ts'),
      '@hushdesk/ticketing': path.resolve(workspaceRoot, 'libs/ticketing/src/index.ts'),
    },
  },
  server: {
    port: 4200,
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  preview: {
    port: 4300,
  },
  build: {
    outDir: path.resolve(workspaceRoot, 'dist/apps/web'),
    emptyOutDir: true,
    // The API serves this build under a strict CSP (script-src 'self'), so never inline
    // scripts or assets as data: modules; every script must be a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
