import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The Fastify server (`npm run dev` at the repository root) listens here in development. */
const apiServer = 'http://127.0.0.1:3000';

/** Paths the server owns; everything else is the single-page app. */
const proxy = {
  '/api': apiServer,
  '/healthz': apiServer,
  '/readyz': apiServer,
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // React and the router change rarely, so they get their own long-cached chunk.
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|@tanstack)[\\/]/,
              priority: 2,
            },
            {
              // Only the antd code the shell itself needs; components that appear solely on lazy
              // routes stay with those routes, so the home page does not pay for the workbench.
              name: 'vendor-antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs)[\\/]/,
              tags: ['$initial'],
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
