// Shipped scenarios' names in the app's language (renderer/src/i18n/presets.ts), including the name
// the main side gives a date's market run on a venue the date has no preset for
// (`unCalibratedName`; tests/electron/main/services/scenario-resolution.test.ts checks the main side
// names it so): the date's part and the venue are shown in the app's language; a name the user
// wrote stays as written.
import { afterEach, describe, expect, it } from 'vitest'
import { unCalibratedName } from '../../../shared/model/scenario'
import { i18n } from '../../../renderer/src/i18n'
import { scenarioName } from '../../../renderer/src/i18n/presets'
import { preset } from '../../shared/engine/cascade/support'

afterEach(() => {
  i18n.global.locale.value = 'en'
})

describe('scenario names', () => {
  const date = preset('2021-05-19')
  const onHyperliquid = { id: date.id, name: unCalibratedName(date.name, 'Hyperliquid') }

  it("a date's market on a venue without its preset: the date's name and the venue in the app's language", () => {
    expect(onHyperliquid.name).toBe('2021-05-19 crash on Hyperliquid (not calibrated)')
    const shown = (lang: 'en' | 'ja' | 'zh-CN') => {
      i18n.global.locale.value = lang
      return scenarioName(onHyperliquid)
    }
    expect(shown('en')).toBe('2021-05-19 crash on Hyperliquid (not calibrated)')
    expect(shown('ja')).toBe('2021-05-19 暴落（Hyperliquid、未較正）')
    expect(shown('zh-CN')).toMatch(/^2021-05-19 .+（Hyperliquid，未校准）$/)
    // The date preset itself, by its own id.
    expect(shown('ja')).toContain(scenarioName(date))
  })

  it('a name the user wrote, or a shipped name that changed, stays as written', () => {
    i18n.global.locale.value = 'ja'
    expect(scenarioName({ id: onHyperliquid.id, name: 'my crash on Hyperliquid (not calibrated)' })).toBe('my crash on Hyperliquid (not calibrated)')
    expect(scenarioName({ id: 'mine', name: '2021-05-19 crash on Hyperliquid (not calibrated)' })).toBe('2021-05-19 crash on Hyperliquid (not calibrated)')
    expect(scenarioName({ id: date.id, name: 'renamed' })).toBe('renamed')
  })
})
