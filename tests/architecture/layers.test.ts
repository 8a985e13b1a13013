// The dependency rules of the layers (docs/ARCHITECTURE.md), checked on every import of every
// .ts, .mts and .vue file in shared/, electron/ and renderer/: static `import` and `import type`,
// `export ... from`, dynamic `import()` and `import('...')` types, read with the TypeScript parser
// (comments and strings cannot fake or hide one). Relative paths and the `@shared` alias are
// resolved to files; an import that resolves to nothing fails the test, so no edge goes unseen.
//
// The layers, lowest first:
//   shared/model       plain types of documents and results: imports nothing but itself
//   shared/decimal.ts  the one configured Decimal: shared/model and decimal.js
//   shared/schemas     zod validators of the file formats: model, decimal, zod, decimal.js
//   shared/engine      the engine: model, decimal, schemas, decimal.js (never the reverse)
//   shared/compare, shared/report  what a finished run is turned into (comparisons, the report):
//                      model, decimal and themselves, decimal.js (no Node, DOM or engine)
//   shared/ipc         the IPC contract: model only (request-schemas.ts may use zod; channels.ts,
//                      bundled into the sandboxed preload, imports no package at all)
//   electron/, renderer/  on top; the renderer never imports electron/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const SCANNED = ['shared', 'electron', 'renderer']

interface Edge {
  /** The specifier as written. */
  spec: string
  /** Repo-relative path of the file it resolves to, or the package name. */
  target: string
  external: boolean
  line: number
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) sourceFiles(path, out)
    else if (/\.(ts|mts|vue)$/.test(name)) out.push(path)
  }
  return out
}

/** The script of a file: a .vue file's `<script>` blocks, blanked elsewhere so lines still match. */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8')
  if (!path.endsWith('.vue')) return text
  let out = ''
  let at = 0
  for (const m of text.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)) {
    const start = (m.index ?? 0) + m[1].length
    out += text.slice(at, start).replace(/[^\n]/g, ' ') + m[2]
    at = start + m[2].length
  }
  return out + text.slice(at).replace(/[^\n]/g, ' ')
}

function specifiers(path: string): { spec: string; line: number }[] {
  const sf = ts.createSourceFile(path, scriptOf(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const out: { spec: string; line: number }[] = []
  const add = (node: ts.Node, spec: string) => out.push({ spec, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 })
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0]
      // A computed dynamic import cannot be checked: not allowed in these folders.
      add(node, arg && ts.isStringLiteralLike(arg) ? arg.text : '<computed import()>')
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text)
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node, node.moduleReference.expression.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

const rel = (path: string) => relative(root, path).split(sep).join('/')

function resolveSpec(from: string, spec: string): string | null {
  const base = spec.startsWith('@shared/') ? join(root, 'shared', spec.slice('@shared/'.length)) : resolve(dirname(from), spec)
  const candidates = [base, `${base}.ts`, `${base}.mts`, `${base}.vue`, join(base, 'index.ts'), base.replace(/\.m?js$/, (e) => (e === '.mjs' ? '.mts' : '.ts'))]
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return rel(c)
  return null
}

/** The import graph: repo-relative file -> its edges. */
function importGraph(): { graph: Map<string, Edge[]>; unresolved: string[] } {
  const graph = new Map<string, Edge[]>()
  const unresolved: string[] = []
  for (const file of SCANNED.flatMap((d) => sourceFiles(join(root, d)))) {
    const edges: Edge[] = []
    for (const { spec, line } of specifiers(file)) {
      if (spec.startsWith('.') || spec.startsWith('@shared/')) {
        const target = resolveSpec(file, spec)
        if (target === null) unresolved.push(`${rel(file)}:${line} '${spec}'`)
        else edges.push({ spec, target, external: false, line })
      } else {
        edges.push({ spec, target: spec, external: true, line })
      }
    }
    graph.set(rel(file), edges)
  }
  return { graph, unresolved }
}

const { graph, unresolved } = importGraph()

/** Package name of a bare specifier (`@scope/pkg/sub` -> `@scope/pkg`, `node:fs` -> `node:fs`). */
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0])
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || NODE_BUILTINS.has(packageOf(spec))
/** Packages that only work with a DOM (window, document) or in the renderer's framework. */
const DOM_PACKAGES = new Set(['vue', 'pinia', 'echarts', 'vue-echarts', '@vitejs/plugin-vue'])

const inDir = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`)

/** Every edge from files under `from` that `allowed` refuses, as `file:line -> target`. */
function violations(from: string, allowed: (e: Edge, file: string) => boolean): string[] {
  const out: string[] = []
  for (const [file, edges] of graph) {
    if (!inDir(file, from)) continue
    for (const e of edges) if (!allowed(e, file)) out.push(`${file}:${e.line} -> ${e.target}`)
  }
  return out
}

/** Strongly connected components with more than one file (or a file importing itself). */
function cycles(): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const next = (v: string) => (graph.get(v) ?? []).filter((e) => !e.external && graph.has(e.target)).map((e) => e.target)
  const connect = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of next(v)) {
      if (!index.has(w)) {
        connect(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop() as string
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    if (component.length > 1 || next(v).includes(v)) found.push(component.sort())
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v)
  return found
}

/** One concrete loop through a component, for the message: a -> b -> ... -> a. */
function loopThrough(component: string[]): string {
  const members = new Set(component)
  const start = component[0]
  const came = new Map<string, string>()
  const queue = [start]
  while (queue.length) {
    const v = queue.shift() as string
    for (const e of graph.get(v) ?? []) {
      if (e.external || !members.has(e.target)) continue
      if (e.target === start) {
        const path = [start]
        for (let u: string | undefined = v; u && u !== start; u = came.get(u)) path.splice(1, 0, u)
        return [...path, start].join(' -> ')
      }
      if (!came.has(e.target)) {
        came.set(e.target, v)
        queue.push(e.target)
      }
    }
  }
  return component.join(', ')
}

/** A component in the message: its files, and one loop through them. */
const describeCycle = (component: string[]) => `${component.length} files (${component.join(', ')}); e.g. ${loopThrough(component)}`

describe('layers', () => {
  it('reads every import it finds (no unresolved relative or @shared path)', () => {
    expect(graph.size).toBeGreaterThan(100)
    expect(unresolved).toEqual([])
  })

  it('shared/engine imports no Node built-in, no electron, no DOM-only package, nothing from renderer/ or electron/', () => {
    expect(
      violations('shared/engine', (e) =>
        e.external ? !isNodeBuiltin(e.spec) && packageOf(e.spec) !== 'electron' && !DOM_PACKAGES.has(packageOf(e.spec)) : !inDir(e.target, 'renderer') && !inDir(e.target, 'electron'),
      ),
    ).toEqual([])
  })

  it('shared/engine imports only decimal.js and shared/engine, model, schemas and decimal.ts', () => {
    const layers = ['shared/engine', 'shared/model', 'shared/schemas', 'shared/decimal.ts']
    expect(violations('shared/engine', (e) => (e.external ? e.spec === 'decimal.js' : layers.some((l) => inDir(e.target, l))))).toEqual([])
  })

  it('renderer/ imports nothing from electron/ (nor the electron package)', () => {
    expect(violations('renderer', (e) => (e.external ? packageOf(e.spec) !== 'electron' : !inDir(e.target, 'electron')))).toEqual([])
  })

  it('shared/ipc imports only shared/model and itself (zod in request-schemas.ts only)', () => {
    expect(
      violations('shared/ipc', (e, file) => (e.external ? e.spec === 'zod' && file === 'shared/ipc/request-schemas.ts' : inDir(e.target, 'shared/model') || inDir(e.target, 'shared/ipc'))),
    ).toEqual([])
  })

  it('shared/i18n imports only shared/model and itself (its tables)', () => {
    expect(violations('shared/i18n', (e) => !e.external && (inDir(e.target, 'shared/model') || inDir(e.target, 'shared/i18n')))).toEqual([])
  })

  it('shared/model imports nothing but itself', () => {
    expect(violations('shared/model', (e) => !e.external && inDir(e.target, 'shared/model'))).toEqual([])
  })

  it('shared/decimal.ts imports only decimal.js and shared/model', () => {
    expect(violations('shared/decimal.ts', (e) => (e.external ? e.spec === 'decimal.js' : inDir(e.target, 'shared/model')))).toEqual([])
  })

  it('shared/schemas imports only shared/model, shared/decimal.ts, itself, zod and decimal.js (never the engine)', () => {
    const layers = ['shared/schemas', 'shared/model', 'shared/decimal.ts']
    expect(violations('shared/schemas', (e) => (e.external ? e.spec === 'zod' || e.spec === 'decimal.js' : layers.some((l) => inDir(e.target, l))))).toEqual([])
  })

  it('shared/compare and shared/report import only shared/model, shared/i18n, shared/decimal.ts, themselves and decimal.js', () => {
    const layers = ['shared/compare', 'shared/report', 'shared/model', 'shared/i18n', 'shared/decimal.ts']
    for (const dir of ['shared/compare', 'shared/report']) expect(violations(dir, (e) => (e.external ? e.spec === 'decimal.js' : layers.some((l) => inDir(e.target, l))))).toEqual([])
  })

  it('has no import cycle (type imports included)', () => {
    expect(cycles().map(describeCycle)).toEqual([])
  })

  it('electron/cli imports no IPC handler: the CLI and the handlers are doors onto the same services', () => {
    expect(violations('electron/cli', (e) => e.external || !inDir(e.target, 'electron/main/handlers'))).toEqual([])
  })
})
