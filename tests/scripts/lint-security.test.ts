// npm run lint:security: Electronegativity's HIGH/MEDIUM findings fail unless allow-listed with a
// reason, and an allow-list entry that matches nothing fails too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { judge, lintSecurity, type Finding } from '../../scripts/lint-security.mjs'

const ROOT = resolve(import.meta.dirname, '../..')
const finding = (over: Partial<Finding>): Finding => ({
  id: 'OPEN_EXTERNAL_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'TENTATIVE',
  file: 'electron/main/index.ts',
  line: 46,
  sample: 'shell.openExternal(url)',
  description: 'Review the use of openExternal',
  ...over,
})
const reason = 'reviewed: only allow-listed https URLs are opened'

describe('judge', () => {
  it('fails a HIGH or MEDIUM finding that no entry allows, and only notes LOW ones', () => {
    const v = judge([finding({}), finding({ id: 'LIMIT_NAVIGATION_GLOBAL_CHECK', severity: 'HIGH' }), finding({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW' })], [])
    expect(v.failing.map((f) => f.id)).toEqual(['OPEN_EXTERNAL_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK'])
    expect(v.noted.map((f) => f.id)).toEqual(['CSP_GLOBAL_CHECK'])
  })

  it('allows a finding only with the same id, the same file and the cited code', () => {
    const entry = { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/index.ts', sample: 'shell.openExternal(url)', reason }
    expect(judge([finding({})], [entry]).allowed).toHaveLength(1)
    expect(judge([finding({ file: 'electron/main/other.ts' })], [entry]).failing).toHaveLength(1)
    expect(judge([finding({ sample: 'shell.openExternal(anything)' })], [entry]).failing).toHaveLength(1)
  })

  it('reports an entry that matches no finding as stale, and refuses an entry without a reason', () => {
    const entry = { id: 'PRELOAD_JS_CHECK', file: 'electron/main/index.ts', reason }
    expect(judge([], [entry]).stale).toEqual([entry])
    expect(() => judge([], [{ id: 'PRELOAD_JS_CHECK', file: 'x', reason: 'ok' }])).toThrow(/written reason/)
  })
})

describe('lintSecurity on this repository', () => {
  it('passes with the allow-list, and fails without it', { timeout: 60_000 }, async () => {
    const lines: string[] = []
    const r = await lintSecurity({ log: (l) => lines.push(l) })
    expect(r.ok, lines.join('\n')).toBe(true)
    expect(r.failing).toEqual([])
    const dir = mkdtempSync(join(tmpdir(), 'cascade-allowlist-'))
    try {
      const empty = join(dir, 'allowlist.json')
      writeFileSync(empty, JSON.stringify({ findings: [] }))
      const bare = await lintSecurity({ root: ROOT, allowlistPath: empty, log: () => {} })
      expect(bare.ok).toBe(false)
      expect(bare.failing.map((f) => f.id).sort()).toEqual(['OPEN_EXTERNAL_JS_CHECK', 'PRELOAD_JS_CHECK'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
