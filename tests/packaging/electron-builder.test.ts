// Packaging is checked without building (that needs Electron for each platform from the internet):
// electron-builder loads and validates electron-builder.yml, the targets, files, asar and icon are
// the ones the release needs, and the afterPack hook flips the fuses on an Electron-like binary.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses'
import { describe, expect, it } from 'vitest'
import afterPack, { electronBinaryPath, FUSES } from '../../scripts/after-pack.mjs'
import { drawIcon } from '../../scripts/make-icon.mjs'

const ROOT = resolve(import.meta.dirname, '../..')
const builder = createRequire(createRequire(join(ROOT, 'package.json')).resolve('electron-builder'))

interface Config {
  appId: string
  productName: string
  asar: boolean
  files: { filter: string[] }[]
  afterPack: string
  icon: string
  directories: { buildResources: string; output: string }
  linux: { target: string[]; icon: string }
  mac: { target: string[]; icon: string }
  win: { target: string[]; icon: string }
}

async function loadConfig(): Promise<Config> {
  const { getConfig, validateConfiguration } = builder('app-builder-lib/out/util/config/config')
  const { DebugLogger } = builder('builder-util')
  const config = await getConfig(ROOT, null, null)
  await validateConfiguration(config, new DebugLogger(false)) // electron-builder's own schema check: throws on a bad key
  return config as Config
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and builds AppImage + deb, dmg and nsis from out/ and resources/ into one asar', { timeout: 60_000 }, async () => {
    const c = await loadConfig()
    expect(c.productName).toBe('Cascade')
    expect(c.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/)
    expect(c.asar).toBe(true)
    expect(c.files.flatMap((f) => f.filter)).toEqual(expect.arrayContaining(['out/**', 'resources/**']))
    expect(c.linux.target).toEqual(['AppImage', 'deb'])
    expect(c.mac.target).toEqual(['dmg'])
    expect(c.win.target).toEqual(['nsis'])
    for (const icon of [c.icon, c.linux.icon, c.mac.icon, c.win.icon]) expect(icon).toBe('resources/icon.png')
    expect(c.afterPack).toBe('./scripts/after-pack.mjs')
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    expect(pkg.scripts.package).toMatch(/electron-builder/)
    expect(pkg.main).toMatch(/^out\//) // inside files
  })

  it('has a 512x512 RGBA PNG icon, the one scripts/make-icon.mjs draws', { timeout: 60_000 }, () => {
    const png = readFileSync(join(ROOT, 'resources/icon.png'))
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.toString('ascii', 12, 16)).toBe('IHDR')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
    expect([png[24], png[25]]).toEqual([8, 6]) // 8 bits a channel, RGBA
    expect(drawIcon().equals(png)).toBe(true)
  })
})

describe('the afterPack fuses hook', () => {
  it('sets the fuses the release needs', () => {
    expect(FUSES).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    })
  })

  it('finds the executable per platform', () => {
    const packager = { appInfo: { productFilename: 'Cascade' }, executableName: 'cascade' }
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', arch: 1, packager })).toBe('/o/cascade')
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', arch: 1, packager })).toBe('/o/Cascade.exe')
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', arch: 3, packager })).toBe('/o/Cascade.app')
  })

  it('flips them in a binary carrying Electron\'s fuse wire (as Electron 45 ships it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-fuses-'))
    try {
      // Electron's defaults: RunAsNode, cookie encryption off, NODE_OPTIONS, inspect on, asar checks off, file:// privileges on.
      const wire = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE]
      writeFileSync(join(dir, 'cascade'), Buffer.concat([Buffer.from('\x7fELF fake electron '), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length, ...wire]), Buffer.from(' rest of the binary')]))
      const log = console.log
      console.log = () => {}
      try {
        await afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'Cascade' }, executableName: 'cascade' } })
      } finally {
        console.log = log
      }
      const after = await getCurrentFuseWire(join(dir, 'cascade'))
      expect(after).toMatchObject({
        [FuseV1Options.RunAsNode]: FuseState.DISABLE,
        [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
        [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
        [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
        [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
        [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
        [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.DISABLE, // left as shipped
        [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.DISABLE,
      })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
