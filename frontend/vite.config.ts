import { fileURLToPath, URL } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The browser only ever talks to its own origin: /api is proxied to the backend, so the HttpOnly
// refresh cookie (Path=/api/auth) works and no CORS is involved.
const apiUrl = process.env.API_URL ?? 'http://localhost:8000';
const port = Number(process.env.PORT ?? 3000);
const proxy: Record<string, ProxyOptions> = {
  '/api': {
    target: apiUrl,
    changeOrigin: false,
    // When the API stops in the middle of a response (a restart during the live event stream), the
    // proxy would keep the browser's side open forever, and EventSource would never reconnect: close it too.
    configure: (server) => {
      server.on('proxyRes', (proxyRes, _req, res) => {
        proxyRes.on('close', () => {
          if (!res.writableEnded) res.destroy();
        });
      });
    },
  },
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { port, strictPort: true, host: process.env.HOST ?? 'localhost', proxy },
  preview: { port, strictPort: true, host: process.env.HOST ?? 'localhost', proxy },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 400 },
});
