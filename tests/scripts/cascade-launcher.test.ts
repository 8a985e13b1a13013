// `npm run cascade` picks the built CLI only when it is newer than every source it is built from.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILT, newestMtime, pickEntry } from '../../scripts/cascade.mjs'

const ROOT = '/repo'
const withBuild = (builtAt: number | null, sourcesAt: number, env: Record<string, string> = {}) =>
  pickEntry({ root: ROOT, env, exists: (p) => builtAt !== null && p === join(ROOT, BUILT), mtime: () => builtAt ?? 0, newestSource: () => sourcesAt })

describe('the cascade launcher', () => {
  it('runs the sources through tsx when there is no build', () => {
    expect(withBuild(null, 100)).toBe('source')
    expect(withBuild(null, 100, { CASCADE_CLI: 'built' })).toBe('source')
  })

  it('runs the build when it is newer than every source, the sources when one changed since', () => {
    expect(withBuild(200, 100)).toBe('built')
    expect(withBuild(100, 200)).toBe('source')
    expect(withBuild(100, 100)).toBe('source')
  })

  it('obeys CASCADE_CLI', () => {
    expect(withBuild(200, 100, { CASCADE_CLI: 'source' })).toBe('source')
    expect(withBuild(100, 200, { CASCADE_CLI: 'built' })).toBe('built')
  })

  it('finds the newest file under the source folders, however deep', () => {
    const tree: Record<string, Array<{ name: string; dir: boolean }>> = {
      [join(__dirname, '../../electron')]: [{ name: 'main.ts', dir: false }, { name: 'cli', dir: true }],
      [join(__dirname, '../../electron/cli')]: [{ name: 'deep.ts', dir: false }],
    }
    const times: Record<string, number> = { [join(__dirname, '../../electron/main.ts')]: 5, [join(__dirname, '../../electron/cli/deep.ts')]: 9 }
    const readdir = (d: string) => (tree[d] ?? []).map((e) => ({ name: e.name, isDirectory: () => e.dir }))
    expect(newestMtime(join(__dirname, '../..'), ['electron', 'no-such-folder'], { readdir, mtime: (f) => times[f] })).toBe(9)
  })
})
