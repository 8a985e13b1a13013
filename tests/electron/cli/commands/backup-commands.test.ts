// cascade backup | restore | quarantine, through runCli on real store files.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../../electron/cli/main'
import type { CliContext } from '../../../../electron/cli/context'
import { LATEST_VERSION } from '../../../../electron/main/store/migrations'
import { useTempDirs } from '../../../temp-dir'

const root = join(__dirname, '../../../..')
const example = join(root, 'tests/fixtures/portfolios/formats-example.json')
const tempDir = useTempDirs('cli-backup')

function cli(argv: string[], cwd = root) {
  let stdout = ''
  let stderr = ''
  const ctx: CliContext = { cwd, env: { CASCADE_DATA_DIR: '/nonexistent/cascade-cli-test' }, resourcesDir: join(root, 'resources'), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }
  return runCli(argv, ctx).then((code) => ({ code, stdout, stderr }))
}

const names = async (db: string) => (JSON.parse((await cli(['list', '--db', db])).stdout) as { name: string }[]).map((b) => b.name)

async function importAs(db: string, name: string): Promise<string> {
  const dir = tempDir()
  const file = join(dir, `${name}.json`)
  writeFileSync(file, readFileSync(example, 'utf8').replace('"Hedge book"', JSON.stringify(name)))
  const r = await cli(['import', file, '--db', db])
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout).id
}

describe('cascade backup and restore', () => {
  it('backs up, and a restore brings the backup back and keeps the replaced store', async () => {
    const dir = tempDir()
    const db = join(dir, 'cascade.sqlite')
    await importAs(db, 'Kept')
    const backup = await cli(['backup', 'b.sqlite', '--db', db], dir)
    expect(backup.code).toBe(0)
    expect(JSON.parse(backup.stdout)).toMatchObject({ file: join(dir, 'b.sqlite'), portfolios: 1 })

    await importAs(db, 'Added after the backup')
    expect(await names(db)).toEqual(['Added after the backup', 'Kept'])
    const restored = await cli(['restore', 'b.sqlite', '--db', db, '--format', 'text'], dir)
    expect(restored).toMatchObject({ code: 0, stderr: '' })
    expect(restored.stdout).toMatch(/^restored b\.sqlite into .*cascade\.sqlite \(1 portfolio\)\nthe replaced store was kept as .*cascade\.sqlite\.before-restore-.*Z\n$/)
    expect(await names(db)).toEqual(['Kept'])
    const kept = readdirSync(dir).find((f) => f.startsWith('cascade.sqlite.before-restore-'))!
    expect(await names(join(dir, kept))).toEqual(['Added after the backup', 'Kept'])
    expect(readdirSync(dir).filter((f) => f.includes('.restore-'))).toEqual([])
  })

  it('every refusal is exit 2 with the reason and no stack trace, and nothing is replaced', async () => {
    const dir = tempDir()
    const db = join(dir, 'cascade.sqlite')
    await importAs(db, 'Mine')
    writeFileSync(join(dir, 'notes.txt'), 'not a database\n'.repeat(50))
    const foreign = new Database(join(dir, 'other.sqlite'))
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')
    foreign.close()
    const future = new Database(join(dir, 'future.sqlite'))
    future.exec('CREATE TABLE portfolios (id TEXT)')
    future.pragma(`user_version = ${LATEST_VERSION + 1}`)
    future.close()
    const before = readdirSync(dir).sort()

    const cases: Array<[string[], RegExp]> = [
      [['restore', 'notes.txt', '--db', db], /^cascade restore: notes\.txt was not restored: it is not an SQLite database \(no SQLite header\)\. Nothing was replaced\.\n$/],
      [['restore', 'other.sqlite', '--db', db], /^cascade restore: other\.sqlite was not restored: it is not a Cascade store \(tables: invoices\)\. Nothing was replaced\.\n$/],
      [['restore', 'future.sqlite', '--db', db], /^cascade restore: future\.sqlite was not restored: it was written by a newer version of Cascade .*\n$/],
      [['restore', 'missing.sqlite', '--db', db], /^cascade restore: missing\.sqlite: not a file\n$/],
      [['restore', 'cascade.sqlite', '--db', db], /^cascade restore: cascade\.sqlite is the store itself; restore another file\n$/],
      [['restore', '--db', db], /^cascade restore: restore needs the backup file to restore\n$/],
      [['backup', 'notes.txt', '--db', db], /^cascade backup: .*notes\.txt already exists; choose another name \(a backup never overwrites a file\)\.\n$/],
      [['backup', 'nowhere/b.sqlite', '--db', db], /^cascade backup: nowhere\/b\.sqlite: the folder .*nowhere does not exist\n$/],
      [['backup', 'b.sqlite', '--db', join(dir, 'none.sqlite')], /^cascade backup: no store at .*none\.sqlite; nothing to back up\n$/],
    ]
    for (const [argv, stderr] of cases) {
      const r = await cli(argv, dir)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(stderr)
    }
    expect(readdirSync(dir).sort()).toEqual(before)
    expect(await names(db)).toEqual(['Mine'])
  })
})

describe('cascade quarantine', () => {
  it('a damaged row is a warning on the next command, then listed with its reason and exported as text', async () => {
    const dir = tempDir()
    const db = join(dir, 'cascade.sqlite')
    const [, bad] = [await importAs(db, 'Fine'), await importAs(db, 'Damaged')]
    const raw = new Database(db)
    raw.prepare("UPDATE portfolios SET document = json_set(document, '$.venue', 42) WHERE id = ?").run(bad)
    raw.close()

    const list = await cli(['list', '--db', db])
    expect(list.code).toBe(0)
    expect(list.stderr).toMatch(/^warning: 1 damaged row was moved into quarantine \(portfolios: 1\); the rest of the store is in use\./)
    expect(JSON.parse(list.stdout).map((b: { name: string }) => b.name)).toEqual(['Fine'])

    const q = await cli(['quarantine', '--db', db, '--format', 'text'])
    expect(q).toMatchObject({ code: 0, stderr: '' })
    expect(q.stdout).toMatch(new RegExp(`^1  portfolios  ${bad}  \\S+Z  document does not validate: venue: .*\\n$`))
    const exported = await cli(['quarantine', '--db', db, '--export', '1'])
    expect(JSON.parse(exported.stdout)).toMatchObject({ table: 'portfolios', row: { id: bad, name: 'Damaged' } })
    expect(JSON.parse(JSON.parse(exported.stdout).row.document)).toMatchObject({ name: 'Damaged', venue: 42 })
    expect(await cli(['quarantine', '--db', db, '--export', '9'])).toMatchObject({ code: 2, stderr: 'cascade quarantine: no quarantined row 9 (see `cascade quarantine`)\n' })
    expect(JSON.parse((await cli(['quarantine', '--db', join(dir, 'none.sqlite')])).stdout)).toEqual([])
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false)
  })
})
