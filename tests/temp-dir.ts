// Temporary folders for tests that need real files (stores, books, event logs): each one is made
// under the OS temp folder with a `cascade-<name>-` prefix and removed after the test that made it,
// so a run of the suite leaves nothing behind.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/**
 * Call at the top of a test file: returns a maker of fresh temp folders, each deleted (with
 * everything in it) after the test that asked for it. Register it before hooks that close files
 * in those folders, so they close first (vitest runs after-hooks in reverse order).
 */
export function useTempDirs(name: string): () => string {
  const made: string[] = []
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `cascade-${name}-`))
    made.push(dir)
    return dir
  }
}
