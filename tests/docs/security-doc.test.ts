// docs/SECURITY.md cannot rot: every `path:line` it cites is followed by the text that line must
// hold, and each is checked here; the settings it says the app never uses are checked absent.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '../..')
const DOC = 'docs/SECURITY.md'

/** `` `file:line` `` then `` `text` ``: the citation form of docs/SECURITY.md. */
const CITED = /`([A-Za-z0-9_.\/-]+\.[A-Za-z]+):(\d+)`\s+`([^`]+)`/g
/** Any `file:line` code span, cited text or not. */
const ANY_LINE_REF = /`([A-Za-z0-9_.\/-]+\.[A-Za-z]+):(\d+)`/g

export interface Citation {
  file: string
  line: number
  text: string
}

export function citationsOf(markdown: string): { cited: Citation[]; bare: string[] } {
  const cited = [...markdown.matchAll(CITED)].map((m) => ({ file: m[1], line: Number(m[2]), text: m[3] }))
  const withText = new Set(cited.map((c) => `${c.file}:${c.line}`))
  const bare = [...markdown.matchAll(ANY_LINE_REF)].map((m) => `${m[1]}:${m[2]}`).filter((ref) => !withText.has(ref))
  return { cited, bare }
}

/** What is wrong with each citation: a missing file, a line past its end, or a line without the text. */
export function problemsOf(citations: Citation[], readText: (file: string) => string | null): string[] {
  const problems: string[] = []
  for (const c of citations) {
    const text = readText(c.file)
    if (text === null) {
      problems.push(`${c.file}:${c.line}: no such file`)
      continue
    }
    const line = text.split('\n')[c.line - 1]
    if (line === undefined) problems.push(`${c.file}:${c.line}: the file has ${text.split('\n').length} lines`)
    else if (!line.includes(c.text)) problems.push(`${c.file}:${c.line}: expected \`${c.text}\`, the line is \`${line.trim()}\``)
  }
  return problems
}

const readRepo = (file: string) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : null)

/**
 * `UPDATE_CITATIONS=1 npx vitest run tests/docs/security-doc.test.ts` moves each stale line number to
 * the one line of its file that holds the cited text (left stale, and failing, when it is not one line).
 */
export function repointed(markdown: string, readText: (file: string) => string | null): string {
  return markdown.replace(CITED, (whole, file: string, line: string, text: string) => {
    const lines = readText(file)?.split('\n') ?? []
    if (lines[Number(line) - 1]?.includes(text)) return whole
    const hits = lines.flatMap((l, i) => (l.includes(text) ? [i + 1] : []))
    return hits.length === 1 ? whole.replace(`${file}:${line}`, `${file}:${hits[0]}`) : whole
  })
}

/** Settings docs/SECURITY.md says the app never uses (items 2, 6, 8, 9, 10, 11 and the defaults it relies on). */
const NEVER = [
  /nodeIntegration\s*:\s*true/,
  /nodeIntegrationInWorker/,
  /nodeIntegrationInSubFrames/,
  /contextIsolation\s*:\s*false/,
  /sandbox\s*:\s*false/,
  /webSecurity\s*:\s*false/,
  /allowRunningInsecureContent/,
  /experimentalFeatures/,
  /enableBlinkFeatures/,
  /webviewTag\s*:\s*true/,
  /enableRemoteModule/,
  /setCertificateVerifyProc/,
  /['"]certificate-error['"]/,
]

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(root, dir, name)
    if (statSync(path).isDirectory()) return sources(relative(root, path))
    return /\.(ts|mts|vue|html|js|mjs)$/.test(name) ? [relative(root, path)] : []
  })
}

describe('docs/SECURITY.md', () => {
  if (process.env.UPDATE_CITATIONS) writeFileSync(join(root, DOC), repointed(readFileSync(join(root, DOC), 'utf8'), readRepo))
  const markdown = readFileSync(join(root, DOC), 'utf8')

  it('points every file:line citation at a line that holds the cited text', () => {
    const { cited, bare } = citationsOf(markdown)
    expect(cited.length).toBeGreaterThanOrEqual(50)
    expect(bare, 'a file:line without the text it cites cannot be checked').toEqual([])
    expect(problemsOf(cited, readRepo)).toEqual([])
  })

  it('goes through all 20 items of Electron\'s checklist, each with a citation or a reason', () => {
    const section = markdown.split('## Electron\'s checklist')[1].split('\n## ')[0]
    const items = section.split(/\n(?=\d+\. \*\*)/).filter((s) => /^\d+\. \*\*/.test(s.trim()))
    expect(items.map((s) => Number(s.trim().split('.')[0]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    for (const item of items) expect(item, item.slice(0, 80)).toMatch(/`[^`]+:\d+`|Not applicable|never set|Never set/i)
  })

  it('catches a citation that has gone stale (the check can fail)', () => {
    const doc = 'See `electron/main/index.ts:1` `contextIsolation: true,` and `nowhere/file.ts:3` `x` and `electron/main/index.ts:99999` `y` and `electron/main/index.ts:5`.'
    const { cited, bare } = citationsOf(doc)
    expect(bare).toEqual(['electron/main/index.ts:5'])
    const problems = problemsOf(cited, readRepo)
    expect(problems).toHaveLength(3)
    expect(problems[0]).toMatch(/^electron\/main\/index.ts:1: expected `contextIsolation: true,`/)
    expect(problems[1]).toBe('nowhere/file.ts:3: no such file')
    expect(problems[2]).toMatch(/index.ts:99999: the file has \d+ lines/)
  })

  it('is right that the sources never use the settings it rules out', () => {
    const files = [...sources('electron'), ...sources('renderer')]
    expect(files.length).toBeGreaterThan(20)
    const found = files.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8')
      return NEVER.filter((re) => re.test(text)).map((re) => `${file}: ${re}`)
    })
    expect(found).toEqual([])
  })
})

describe('UPDATE_CITATIONS', () => {
  it('moves a stale line number to the one line holding the text, and leaves an ambiguous or missing one stale', () => {
    const file = 'a\nsandbox: true\nx\nx\n'
    const read = () => file
    expect(repointed('`f.ts:1` `sandbox: true`', read)).toBe('`f.ts:2` `sandbox: true`')
    expect(repointed('`f.ts:2` `sandbox: true`', read)).toBe('`f.ts:2` `sandbox: true`')
    expect(repointed('`f.ts:1` `x`', read)).toBe('`f.ts:1` `x`')
    expect(repointed('`f.ts:1` `gone`', read)).toBe('`f.ts:1` `gone`')
  })
})

