import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

/**
 * Three Electron targets. The main build has two entries: the Electron main process and the
 * plain-Node host that serves the same console API to a browser where Electron is missing.
 */
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          host: resolve('src/main/host/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // sandboxed preloads must be CommonJS
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [vue()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
})
