// The shipped scenario presets' names and descriptions in each of the app's languages, for every
// place that prints them: the renderer (renderer/src/i18n/presets.ts) and the run report, which is
// written in main or the CLI where the renderer's catalogues do not reach (shared/report).
// Presets are data (resources/scenarios), so the table holds each one's English text beside its
// translations: a translation is shown only while the shipped text still equals that English (a
// test compares them with the files), otherwise the data's own words, never a stale translation.
import table from './scenario-names.json'
import { unCalibratedParts } from '../model/scenario'

/** The app's languages (the renderer's locales, the report's languages). */
export const TEXT_LANGS = ['en', 'ja', 'zh-CN'] as const
export type TextLang = (typeof TEXT_LANGS)[number]

interface Texts {
  name: string
  description: string
}

const SCENARIOS = table.scenarios as Record<string, Record<TextLang, Texts>>
const UNCALIBRATED = table.unCalibrated as Record<TextLang, string>

function shipped(lang: TextLang, id: string, field: keyof Texts, text: string): string {
  const texts = SCENARIOS[id]
  return texts && texts.en[field] === text ? texts[lang][field] : text
}

/**
 * A scenario's name in `lang`. A date's market run on a venue without a preset for that date carries
 * the date's shipped name with the venue (`unCalibratedName`): both parts are in `lang` while the
 * date's part is still the shipped English. A name the user wrote stays as written.
 */
export function scenarioNameIn(lang: TextLang, s: { id: string; name: string }): string {
  const parts = unCalibratedParts(s.name)
  if (parts && SCENARIOS[s.id]?.en.name === parts.name) {
    const name = shipped(lang, s.id, 'name', parts.name)
    return UNCALIBRATED[lang].replace('{name}', () => name).replace('{venue}', () => parts.venue)
  }
  return shipped(lang, s.id, 'name', s.name)
}

export const scenarioDescriptionIn = (lang: TextLang, s: { id: string; description?: string }): string => (s.description ? shipped(lang, s.id, 'description', s.description) : '')
