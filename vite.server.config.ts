import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }

/** The sync server as one Node ESM bundle; npm dependencies stay external. */
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)].map(
  (m) => new RegExp(`^${m}(/.*)?$`),
)

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/server',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { index: resolve('src/server/index.ts') },
      external,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
})
