// Names and descriptions of what ships with the app (scenario presets, example books, the venues'
// terms for their account ratio) in the app's
// language. They are data (resources/scenarios, resources/examples), so the catalogue holds each
// one's English text beside its translations: a translation is shown only while the shipped text
// still equals that English (a test compares them), otherwise the data's own words, never a stale
// translation of an older text.
import en from '../locales/en.json'
import { unCalibratedParts } from '../../../shared/model/scenario'
import { translate } from './index'

type Texts = Record<string, Record<string, string>>
const ENGLISH = en.presets as unknown as { scenario: Texts; template: Texts; venueTerm: Record<string, string> }

/** Catalogue keys cannot hold every id character vue-i18n's paths accept ("2025-10-10"): a safe spelling. */
export const presetKey = (id: string): string => `p_${id.replace(/[^A-Za-z0-9]/g, '_')}`

function shipped(kind: 'scenario' | 'template', id: string, field: string, text: string): string {
  const key = presetKey(id)
  return ENGLISH[kind][key]?.[field] === text ? translate(`presets.${kind}.${key}.${field}`) : text
}

/**
 * A scenario's name in the app's language. A date's market run on a venue without a preset for
 * that date carries the date's shipped name with the venue (`unCalibratedName`): both parts are
 * shown in the app's language while the date's part is still the shipped English.
 */
export function scenarioName(s: { id: string; name: string }): string {
  const parts = unCalibratedParts(s.name)
  if (parts && ENGLISH.scenario[presetKey(s.id)]?.name === parts.name) {
    return translate('presets.unCalibrated', { name: shipped('scenario', s.id, 'name', parts.name), venue: parts.venue })
  }
  return shipped('scenario', s.id, 'name', s.name)
}
export const scenarioDescription = (s: { id: string; description?: string }): string => (s.description ? shipped('scenario', s.id, 'description', s.description) : '')
export const templateName = (t: { id: string; name: string }): string => shipped('template', t.id, 'name', t.name)

/** A venue's own term from its profile (`unified.ratioDisplay.name`: "Account MM Rate"), as that venue's screen says it in the app's language. */
export function venueTerm(name: string): string {
  const key = presetKey(name)
  return ENGLISH.venueTerm[key] === name ? translate(`presets.venueTerm.${key}`) : name
}
