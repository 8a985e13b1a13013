// Names and descriptions of what ships with the app (scenario presets, example books, the venues'
// terms for their account ratio) in the app's
// language. They are data (resources/scenarios, resources/examples), so the catalogue holds each
// one's English text beside its translations: a translation is shown only while the shipped text
// still equals that English (a test compares them), otherwise the data's own words, never a stale
// translation of an older text. Scenario presets' texts live in shared/i18n, where the run report
// (written in main or the CLI) reads them too.
import en from '../locales/en.json'
import { scenarioDescriptionIn, scenarioNameIn } from '../../../shared/i18n/scenario-names'
import { i18n, isLocale, translate } from './index'

type Texts = Record<string, Record<string, string>>
const ENGLISH = en.presets as unknown as { template: Texts; venueTerm: Record<string, string> }

/** Catalogue keys cannot hold every id character vue-i18n's paths accept ("2025-10-10"): a safe spelling. */
export const presetKey = (id: string): string => `p_${id.replace(/[^A-Za-z0-9]/g, '_')}`

/** A shipped template's text in the app's language while it is still the shipped English. */
function shippedTemplate(id: string, field: string, text: string): string {
  const key = presetKey(id)
  return ENGLISH.template[key]?.[field] === text ? translate(`presets.template.${key}.${field}`) : text
}

/** The app's language now (read reactively: a name shown in a template follows a switch). */
const lang = () => {
  const l = i18n.global.locale.value
  return isLocale(l) ? l : 'en'
}

/**
 * A scenario's name in the app's language (shared/i18n/scenario-names.ts): a shipped preset's
 * translation while its name is the shipped English, a date's market on a venue without its preset
 * in both parts, a name the user wrote as written.
 */
export const scenarioName = (s: { id: string; name: string }): string => scenarioNameIn(lang(), s)
export const scenarioDescription = (s: { id: string; description?: string }): string => scenarioDescriptionIn(lang(), s)
export const templateName = (t: { id: string; name: string }): string => shippedTemplate(t.id, 'name', t.name)

/** A venue's own term from its profile (`unified.ratioDisplay.name`: "Account MM Rate"), as that venue's screen says it in the app's language. */
export function venueTerm(name: string): string {
  const key = presetKey(name)
  return ENGLISH.venueTerm[key] === name ? translate(`presets.venueTerm.${key}`) : name
}
