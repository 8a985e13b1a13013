// Bundles the CLI into out/cli/cascade.cjs for the package's `bin` (better-sqlite3 stays external).
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'main.ts'),
    outDir: resolve(import.meta.dirname, '../../out/cli'),
    emptyOutDir: true,
    target: 'node22',
    rollupOptions: {
      external: ['better-sqlite3'],
      output: { format: 'cjs', entryFileNames: 'cascade.cjs', banner: '#!/usr/bin/env node' },
    },
  },
})
