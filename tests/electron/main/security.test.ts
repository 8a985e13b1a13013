import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, isAllowedExternal } from '../../../electron/main/security'

const root = join(__dirname, '../../..')

describe('window security', () => {
  it('has a CSP that allows only our own scripts and connections', () => {
    const csp = contentSecurityPolicy()
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  })

  it('lets the dev server connect for hot reload only in dev', () => {
    expect(contentSecurityPolicy('http://localhost:5173')).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173')
  })

  it('opens only https links on the allow-list', () => {
    expect(isAllowedExternal('https://www.binance.com/en/support/faq/360033525471')).toBe(true)
    expect(isAllowedExternal('http://www.binance.com/')).toBe(false)
    expect(isAllowedExternal('https://www.binance.com.evil.example/')).toBe(false)
    expect(isAllowedExternal('https://user:pw@www.binance.com/')).toBe(false)
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false)
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false)
    expect(isAllowedExternal('not a url')).toBe(false)
  })

  it('creates the window sandboxed, isolated and without Node', () => {
    const main = readFileSync(join(root, 'electron/main/index.ts'), 'utf8')
    expect(main).toMatch(/contextIsolation: true/)
    expect(main).toMatch(/sandbox: true/)
    expect(main).toMatch(/nodeIntegration: false/)
    expect(main).toMatch(/setWindowOpenHandler\([^)]*\) => \{[\s\S]*?action: 'deny'/)
    expect(main).toMatch(/will-navigate/)
  })

  it('keeps electron imports to the main entry and the preload', () => {
    const hits = execFileSync('git', ['grep', '--untracked', '-lE', "from 'electron'|require\\('electron'\\)", '--', 'electron', 'shared', 'renderer'], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort()
    expect(hits).toEqual(['electron/main/index.ts', 'electron/preload/index.ts'])
  })
})
