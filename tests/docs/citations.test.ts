// Every citation of a document resolves inside this repository: `docs/<NAME>.md` exists, and each
// `§N[.N...]` after it (lists `§3.1, §4.3`, ranges `§4-5`, `§3.1-3.3`, `§2-§4`) is a numbered
// heading of that file (`## 3. ...`, `### 3.1 ...`). And nothing cites the briefs kept outside the
// repository (docs/CONVENTIONS.md §6). The patterns below are assembled from pieces so that this
// file does not match them itself.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '../..')
const SCANNED = ['shared/', 'electron/', 'renderer/', 'tests/', 'e2e/', 'bench/', 'resources/', 'docs/', 'README.md']
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|vue|json|md|html|css|csv|txt|ya?ml)$/i

function walk(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'out') return []
    return statSync(path).isDirectory() ? walk(path) : [relative(root, path)]
  })
}

/** Tracked files (git), or every file under the scanned folders when git is not available. */
function sourceFiles(): string[] {
  let files: string[]
  try {
    files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean)
  } catch {
    files = SCANNED.flatMap((p) => (p.endsWith('/') ? walk(join(root, p)) : existsSync(join(root, p)) ? [p] : []))
  }
  return files.filter((f) => SCANNED.some((p) => (p.endsWith('/') ? f.startsWith(p) : f === p)) && TEXT.test(f) && existsSync(join(root, f)))
}

const SEC = String.raw`\d+(?:\.\d+)*`
const ITEM = String.raw`§ ?(?:${SEC})(?: ?[-–] ?§?(?:${SEC}))?`
/** `docs/<NAME>.md`, an optional closing backtick, then sections, possibly on the next comment line. */
const CITATION = new RegExp(
  String.raw`(?<![\w/.-])docs/([A-Za-z0-9][A-Za-z0-9_-]*)\.md\`?((?:[ \t]*(?:\n[ \t]*(?:\*|//|#)?[ \t]*)?${ITEM}(?:, ?${ITEM})*)?)`,
  'g',
)
const ITEM_RE = new RegExp(String.raw`§ ?(${SEC})(?: ?[-–] ?§?(${SEC}))?`, 'g')

export interface Citation {
  file: string
  line: number
  doc: string
  sections: string[]
}

/** The citations in one file's text. */
export function citationsIn(file: string, text: string): Citation[] {
  const out: Citation[] = []
  for (const m of text.matchAll(CITATION)) {
    const sections: string[] = []
    for (const s of (m[2] ?? '').matchAll(ITEM_RE)) {
      sections.push(s[1])
      if (s[2]) sections.push(s[2])
    }
    out.push({ file, line: text.slice(0, m.index).split('\n').length, doc: `docs/${m[1]}.md`, sections })
  }
  return out
}

/** Numbered headings of a markdown file: `## 3. Title` -> "3", `### 3.1 Title` -> "3.1". */
export function headingNumbers(markdown: string): Set<string> {
  const out = new Set<string>()
  for (const m of markdown.matchAll(/^#{1,6}[ \t]+(\d+(?:\.\d+)*)\.?[ \t]/gm)) out.add(m[1])
  return out
}

const OUTSIDE = ['VENUES', 'ENGINE', 'FORMATS', 'PRODUCT', 'STYLE', 'TOOLCHAIN', 'PEERS', 'STYLE-RESEARCH', 'PUBLISHED-FIGURES']
/** A brief outside the repository: `NAME.md` not under `docs/`, the context folder, the spec folder. */
const FORBIDDEN: Array<[string, RegExp]> = [
  ['outside brief', new RegExp(String.raw`(?<![\w/.-])(?:${OUTSIDE.join('|')})\\?\.md(?![\w-])`, 'g')],
  ['context brief', new RegExp(String.raw`\bcontext[ \t]+(?:README|article)`, 'g')],
  ['spec folder', new RegExp(String.raw`\b${['shared', 'spec'].join('/')}\b|/work/${'shared'}/`, 'g')],
  ['bare README section', new RegExp(String.raw`(?<![\w/.-])README ?§`, 'g')],
]

export function forbiddenIn(file: string, text: string): string[] {
  const out: string[] = []
  for (const [what, re] of FORBIDDEN) {
    for (const m of text.matchAll(re)) out.push(`${file}:${text.slice(0, m.index).split('\n').length}: ${what} "${m[0]}"`)
  }
  return out
}

/** Every broken citation in the given files, as `file:line: message`. */
export function brokenCitations(files: Array<{ file: string; text: string }>, readDoc: (doc: string) => string | null): string[] {
  const headings = new Map<string, Set<string> | null>()
  const problems: string[] = []
  for (const { file, text } of files) {
    for (const c of citationsIn(file, text)) {
      if (!headings.has(c.doc)) {
        const md = readDoc(c.doc)
        headings.set(c.doc, md === null ? null : headingNumbers(md))
      }
      const known = headings.get(c.doc)
      if (!known) {
        problems.push(`${c.file}:${c.line}: ${c.doc} does not exist`)
        continue
      }
      for (const s of c.sections) if (!known.has(s)) problems.push(`${c.file}:${c.line}: ${c.doc} has no section §${s}`)
    }
  }
  return problems
}

const readDoc = (doc: string): string | null => (existsSync(join(root, doc)) ? readFileSync(join(root, doc), 'utf8') : null)

describe('citations of documents', () => {
  const files = sourceFiles().map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))

  it('scans the source, resources, tests and docs', () => {
    expect(files.length).toBeGreaterThan(100)
    for (const dir of ['shared/', 'electron/', 'renderer/', 'tests/', 'resources/', 'docs/']) expect(files.some((f) => f.file.startsWith(dir))).toBe(true)
    expect(files.reduce((n, f) => n + citationsIn(f.file, f.text).length, 0)).toBeGreaterThan(200)
  })

  it('every docs/<NAME>.md exists and every cited §section is a heading in it', () => {
    expect(brokenCitations(files, readDoc)).toEqual([])
  })

  it('nothing cites the briefs kept outside the repository', () => {
    expect(files.flatMap((f) => forbiddenIn(f.file, f.text))).toEqual([])
  })

  it('catches what it should (the checker itself)', () => {
    // Fixture names are assembled so that the scan of this very file does not see them.
    const A = ['docs', 'A.md'].join('/')
    const B = ['docs', 'B.md'].join('/')
    const docs: Record<string, string> = { [A]: '# A\n\n## 1. One\n\n### 1.2 Sub\n\n## 4. Four\n' }
    const read = (d: string) => docs[d] ?? null
    const check = (text: string) => brokenCitations([{ file: 'x.ts', text }], read)
    expect(check(`// see ${A} §1.2 and ${A} §1, §4; ${A} §1-4; ${A}`)).toEqual([])
    expect(check(`// ${A} §1.3`)).toEqual([`x.ts:1: ${A} has no section §1.3`])
    expect(check(`// ${A} §1.2-1.5`)).toEqual([`x.ts:1: ${A} has no section §1.5`])
    expect(check(`// ${A} §1, §2`)).toEqual([`x.ts:1: ${A} has no section §2`])
    expect(check(`/*\n * ${A}\n * §3) */`)).toEqual([`x.ts:2: ${A} has no section §3`])
    expect(check(`// ${B} §1`)).toEqual([`x.ts:1: ${B} does not exist`])
    const outside = (name: string) => forbiddenIn('x.ts', `// (${name})`).length
    expect(outside(['VENUES', 'md §1.1'].join('.'))).toBe(1)
    expect(outside(['context', 'README', '§3'].join(' '))).toBeGreaterThan(0)
    expect(outside(['shared', 'spec', ''].join('/'))).toBe(1)
    expect(outside(['FORMATS', 'md'].join('.'))).toBe(1)
    expect(outside(['x|ENGINE', 'md'].join('\\.'))).toBe(1)
    expect(outside(`docs/${['FORMATS', 'md'].join('.')} §1`)).toBe(0)
    expect(outside('docs/ENGINE-NOTES.md')).toBe(0)
  })
})
