import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The BFF serves the built console; in `vite dev` the API calls go to a running BFF instead.
const bff = process.env.MESHWRIGHT_BFF_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  // @meshwright/model is a workspace package shipped as TypeScript source: bundle it, never pre-bundle it.
  optimizeDeps: { exclude: ['@meshwright/model'] },
  server: {
    proxy: {
      '/api': bff,
      '/v20190125': bff,
      '/healthz': bff,
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // bench/web.ts reads the manifest to know which chunks each page needs.
    manifest: true,
    chunkSizeWarningLimit: 600,
  },
});
