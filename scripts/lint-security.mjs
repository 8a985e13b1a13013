#!/usr/bin/env node
// `npm run lint:security`: Electronegativity over the app's Electron and renderer sources, offline.
// Fails on any HIGH or MEDIUM finding that docs/security-allowlist.json does not list with a written
// reason, and on any allow-list entry that no longer matches a finding (so the list cannot rot).
//
// Electronegativity's CLI fetches translations and Electron's release list from the internet; here
// its runner is called directly with `got` stubbed out, and the one check that needs the network
// (AvailableSecurityFixesGlobalCheck) is skipped: the pinned Electron version is a reviewed entry
// of docs/SECURITY.md instead.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** What is scanned: the main process, the preload, the renderer (its index.html carries the CSP meta). */
export const SCANNED = ['electron', 'renderer', 'package.json']
export const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck']
export const FAILING_SEVERITIES = ['HIGH', 'MEDIUM']

/**
 * Splits findings into allowed (an allow-list entry with a reason matches: same check id, same
 * file, and the finding's code sample contains the entry's `sample`), failing (HIGH/MEDIUM and not
 * allowed) and noted (lower severities); plus the allow-list entries that matched nothing.
 */
export function judge(findings, allowlist) {
  const bad = allowlist.filter((a) => !a || typeof a.id !== 'string' || typeof a.file !== 'string' || typeof a.reason !== 'string' || a.reason.trim().length < 20)
  if (bad.length) throw new Error(`docs/security-allowlist.json: every entry needs an id, a file and a written reason (20+ characters): ${JSON.stringify(bad[0])}`)
  const used = new Set()
  const allowed = []
  const failing = []
  const noted = []
  for (const f of findings) {
    const entry = allowlist.find((a) => a.id === f.id && a.file === f.file && (a.sample === undefined || (f.sample ?? '').includes(a.sample)))
    if (entry) {
      used.add(entry)
      allowed.push({ ...f, reason: entry.reason })
    } else if (FAILING_SEVERITIES.includes(f.severity)) failing.push(f)
    else noted.push(f)
  }
  return { allowed, failing, noted, stale: allowlist.filter((a) => !used.has(a)) }
}

/** Electronegativity's runner with no network: `got` answers nothing, the release check is off. */
async function electronegativity(input, electronVersion) {
  const runnerPath = createRequire(join(ROOT, 'package.json')).resolve('@doyensec/electronegativity')
  const req = createRequire(runnerPath)
  const gotPath = createRequire(req.resolve('./locales/i18n.js')).resolve('got')
  req.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: () => Promise.resolve({ statusCode: 0 }) }
  const run = req(runnerPath)
  const result = await run({ input, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: OFFLINE_EXCLUDED, parserPlugins: [] }, false)
  return {
    errors: result.errors.map((e) => ({ file: e.file, message: e.message, tolerable: !!e.tolerable })),
    findings: result.issues.map((i) => ({
      id: i.id,
      severity: i.severity.name,
      confidence: i.confidence.name,
      file: i.file,
      line: i.location?.line ?? 0,
      sample: typeof i.sample === 'string' ? i.sample.trim() : '',
      description: i.description,
    })),
  }
}

export async function lintSecurity({ root = ROOT, allowlistPath = join(root, 'docs/security-allowlist.json'), log = console.log } = {}) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const electronVersion = pkg.devDependencies.electron
  // One scan over one folder, so the global checks (navigation limits, permission handler, CSP)
  // see the main process and the renderer together.
  const stage = mkdtempSync(join(tmpdir(), 'cascade-electronegativity-'))
  try {
    for (const p of SCANNED) cpSync(join(root, p), join(stage, p), { recursive: true })
    const { errors, findings } = await electronegativity(stage, electronVersion)
    const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8')).findings
    const verdict = judge(findings, allowlist)
    const where = (f) => `${f.id} ${f.severity}/${f.confidence} ${f.file}:${f.line}`
    for (const f of verdict.allowed) log(`  allowed  ${where(f)} - ${f.reason}`)
    for (const f of verdict.noted) log(`  noted    ${where(f)} - ${f.description}`)
    for (const f of verdict.failing) log(`  FAILING  ${where(f)} - ${f.description}${f.sample ? ` [${f.sample.slice(0, 80)}]` : ''}`)
    for (const a of verdict.stale) log(`  STALE    allow-list entry ${a.id} ${a.file} matches no finding: remove it from docs/security-allowlist.json`)
    for (const e of errors) log(`  ${e.tolerable ? 'warning' : 'PARSE ERROR'} ${e.file}: ${e.message}`)
    const parseErrors = errors.filter((e) => !e.tolerable)
    const ok = verdict.failing.length === 0 && verdict.stale.length === 0 && parseErrors.length === 0
    log(`electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${verdict.allowed.length} allowed with a reason, ${verdict.noted.length} low/informational, ${verdict.failing.length} failing, ${verdict.stale.length} stale allow-list entries, ${parseErrors.length} files not parsed`)
    return { ok, ...verdict, errors }
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now()
  lintSecurity().then(
    (r) => {
      console.log(`lint:security ${r.ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      process.exit(r.ok ? 0 : 1)
    },
    (e) => {
      console.error(`lint:security could not run: ${e instanceof Error ? e.message : e}`)
      process.exit(1)
    },
  )
}
