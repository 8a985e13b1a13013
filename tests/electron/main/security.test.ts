import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_BASE, appAssetPath } from '../../../electron/main/app-scheme'
import { contentSecurityPolicy, isAllowedExternal, isOwnPage } from '../../../electron/main/security'

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

  it('knows its own pages by parsed scheme, host, port and folder, not by string prefix', () => {
    const dev = ['http://localhost:5173/']
    expect(isOwnPage('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isOwnPage('http://localhost:5173.evil.example/', dev)).toBe(false)
    expect(isOwnPage('http://localhost:51730/', dev)).toBe(false)
    expect(isOwnPage('http://user@localhost:5173/', dev)).toBe(false)
    expect(isOwnPage('https://localhost:5173/', dev)).toBe(false)
    expect(isOwnPage('app://cascade/index.html', [APP_BASE])).toBe(true)
    expect(isOwnPage('app://cascade/../../etc/passwd', [APP_BASE])).toBe(true) // normalised to app://cascade/etc/passwd: still ours, and served only from the renderer folder
    expect(isOwnPage('app://cascade.evil/index.html', [APP_BASE])).toBe(false)
    expect(isOwnPage('file:///app/out/renderer/index.html', ['file:///app/out/renderer/'])).toBe(true)
    expect(isOwnPage('file:///app/out/renderer/../../../etc/passwd', ['file:///app/out/renderer/'])).toBe(false)
    expect(isOwnPage('file:///app/out/renderer-evil/x.html', ['file:///app/out/renderer/'])).toBe(false)
    expect(isOwnPage('', [APP_BASE])).toBe(false)
    expect(isOwnPage('not a url', [APP_BASE])).toBe(false)
  })

  it('serves app://cascade/ only from files inside the renderer folder', () => {
    const dir = '/opt/cascade/renderer'
    expect(appAssetPath('app://cascade/', dir)).toBe(`${dir}/index.html`)
    expect(appAssetPath('app://cascade/assets/index-abc.js', dir)).toBe(`${dir}/assets/index-abc.js`)
    expect(appAssetPath('app://cascade/assets/a%20b.css', dir)).toBe(`${dir}/assets/a b.css`)
    // Dot segments are resolved by the URL parser first: they stay inside the folder.
    expect(appAssetPath('app://cascade/../../etc/passwd', dir)).toBe(`${dir}/etc/passwd`)
    expect(appAssetPath('app://cascade/%2e%2e/%2e%2e/etc/passwd', dir)).toBe(`${dir}/etc/passwd`)
    for (const bad of [
      'app://cascade/..%2f..%2fetc%2fpasswd',
      'app://cascade/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://cascade/assets/%00.js',
      'app://cascade/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://user:pw@cascade/index.html',
    ]) {
      expect(appAssetPath(bad, dir), bad).toBeNull()
    }
  })

  it('is one instance, serves the renderer from its own scheme, and checks navigation by parsed URL', () => {
    const main = readFileSync(join(root, 'electron/main/index.ts'), 'utf8')
    expect(main).toMatch(/requestSingleInstanceLock\(\)/)
    expect(main).toMatch(/registerSchemesAsPrivileged/)
    expect(main).not.toMatch(/loadFile\(/)
    expect(main).toMatch(/will-navigate[\s\S]*?isOwnPage\(/)
  })

  it('keeps electron imports to the main entry and the preload', () => {
    const hits = execFileSync('git', ['grep', '--untracked', '-lE', "from 'electron'|require\\('electron'\\)", '--', 'electron', 'shared', 'renderer'], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort()
    expect(hits).toEqual(['electron/main/index.ts', 'electron/preload/index.ts'])
  })
})
