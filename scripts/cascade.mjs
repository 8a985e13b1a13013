#!/usr/bin/env node
// `npm run cascade -- ...`: the built CLI (out/cli/cascade.cjs, from `npm run build`) when it is newer
// than every source file it is built from (electron/, shared/), else the TypeScript sources through
// tsx, about twice as slow to start. Either runs in this process, so Ctrl-C reaches the run directly
// (no child to forward signals to). CASCADE_CLI=source or CASCADE_CLI=built forces one.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = resolve(import.meta.dirname, '..')
export const BUILT = join('out', 'cli', 'cascade.cjs')
export const SOURCE = join('electron', 'cli', 'main.ts')
/** What the bundle is built from: a change under these makes it stale. */
export const SOURCE_DIRS = ['electron', 'shared']

/** The newest modification time (ms) of any file under `dirs`, or 0. */
export function newestMtime(root, dirs, { readdir = (d) => readdirSync(d, { withFileTypes: true }), mtime = (f) => statSync(f).mtimeMs } = {}) {
  let newest = 0
  const walk = (dir) => {
    for (const e of readdir(dir)) {
      const path = join(dir, e.name)
      if (e.isDirectory()) walk(path)
      else newest = Math.max(newest, mtime(path))
    }
  }
  for (const d of dirs) if (existsSync(join(root, d))) walk(join(root, d))
  return newest
}

/** 'built' when the bundle exists and is newer than its sources, else 'source'. */
export function pickEntry({ root = ROOT, env = process.env, exists = existsSync, mtime = (f) => statSync(f).mtimeMs, newestSource = () => newestMtime(root, SOURCE_DIRS) } = {}) {
  const built = join(root, BUILT)
  if (env.CASCADE_CLI === 'source') return 'source'
  if (!exists(built)) return 'source'
  if (env.CASCADE_CLI === 'built') return 'built'
  return mtime(built) > newestSource() ? 'built' : 'source'
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const require = createRequire(import.meta.url)
  let cli
  if (pickEntry() === 'built') {
    cli = require(join(ROOT, BUILT))
  } else {
    require('tsx/cjs/api').register()
    cli = require(join(ROOT, SOURCE))
  }
  cli.runCli(process.argv.slice(2), cli.processContext()).then((code) => {
    process.exitCode = code
  })
}
