// Bundles the CLI into out/cli/cascade.cjs for the package's `bin` (better-sqlite3 stays external).
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, '../../out/cli'),
    emptyOutDir: true,
    target: 'node22',
    rollupOptions: {
      input: { cascade: resolve(import.meta.dirname, 'main.ts'), 'run-worker': resolve(import.meta.dirname, '../main/runs/run-worker.ts'), 'study-worker': resolve(import.meta.dirname, '../main/studies/study-worker.ts') },
      external: ['better-sqlite3'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', banner: (chunk) => (chunk.name === 'cascade' ? '#!/usr/bin/env node' : '') },
    },
  },
})
