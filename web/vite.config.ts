/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

// `npm run dev` proxies the APIs to a running gateway (./aq run): the UI and the APIs share one origin.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080'

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { host: '127.0.0.1', proxy: { '/api': gateway, '/hubs': { target: gateway, ws: true } } },
  // The gateway serves the built UI from its wwwroot.
  build: { outDir: '../gateway/AqTrading.Gateway/wwwroot', emptyOutDir: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    globals: true,
    // Two shared cores: a userEvent-heavy test can take seconds under load; timing is not what these tests check.
    testTimeout: 60_000,
  },
})
