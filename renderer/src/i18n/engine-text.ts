// The engine's and the main process's own English texts, shown in the app's language: field
// problems (`FieldIssue.message`), error replies, the notes of cascade events and the formulas of
// explanations. The engine writes them in English and stays free of the UI (docs/I18N.md §3);
// here each text is matched against the English templates of the catalogue's `engine.<kind>`
// section (`"unknown contract \"{symbol}\" for venue {venue}; known: {known}"`), and the matching
// key is rendered in the current language with the values it captured. A text no template knows
// is shown as the engine wrote it: a new engine message is never lost, only untranslated, and
// tests/renderer/i18n/engine-text.test.ts runs the engine on bad books so a reworded message fails
// there instead of falling back silently.
import en from '../locales/en.json'
import { i18n } from './index'

export type EngineTextKind = 'issue' | 'reply' | 'note' | 'formula'

interface Template {
  key: string
  re: RegExp
  names: string[]
  /** Characters of fixed text: the more a template fixes, the earlier it is tried. */
  literal: number
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A vue-i18n message as a pattern: `{name}` captures (a name used twice must capture the same
 * text), `{'x'}` is the literal x (how the catalogues write `|`, `@`, `{` and `}`).
 */
export function compileTemplate(message: string): { re: RegExp; names: string[]; literal: number } {
  let re = '^'
  let literal = 0
  const names: string[] = []
  for (let i = 0; i < message.length; ) {
    const c = message[i]
    if (c === '{') {
      const end = message.indexOf('}', i)
      if (end < 0) throw new Error(`unclosed { in ${JSON.stringify(message)}`)
      const inner = message.slice(i + 1, end).trim()
      const quoted = /^'(.*)'$/.exec(inner)
      if (quoted) {
        re += escapeRe(quoted[1])
        literal += quoted[1].length
      } else {
        const seen = names.indexOf(inner)
        if (seen >= 0) re += `\\${seen + 1}`
        else {
          names.push(inner)
          re += '([\\s\\S]+?)'
        }
      }
      i = end + 1
    } else {
      re += escapeRe(c)
      literal++
      i++
    }
  }
  return { re: new RegExp(`${re}$`), names, literal }
}

type Messages = Record<string, string>
const ENGLISH = (en as { engine: Record<EngineTextKind, Messages> }).engine

const compiled = new Map<EngineTextKind, Template[]>()

function templates(kind: EngineTextKind): Template[] {
  let list = compiled.get(kind)
  if (!list) {
    list = Object.entries(ENGLISH[kind]).map(([key, message]) => ({ key, ...compileTemplate(message) }))
    list.sort((a, b) => b.literal - a.literal || a.key.localeCompare(b.key))
    compiled.set(kind, list)
  }
  return list
}

/** The template an engine text was written from, with the values it filled in; null when none fits. */
export function matchEngineText(kind: EngineTextKind, text: string): { key: string; params: Record<string, string> } | null {
  for (const t of templates(kind)) {
    const m = t.re.exec(text)
    if (!m) continue
    const params: Record<string, string> = {}
    t.names.forEach((name, i) => {
      params[name] = m[i + 1]
    })
    return { key: t.key, params }
  }
  return null
}

/**
 * An engine text in the app's language. A captured value named `issue` is itself a field problem
 * (a reply that quotes the first finding) and is translated as one.
 */
export function localizeEngineText(kind: EngineTextKind, text: string): string {
  if (i18n.global.locale.value === 'en') return text
  const m = matchEngineText(kind, text)
  if (!m) return text
  const params: Record<string, string> = { ...m.params }
  if (params.issue !== undefined) params.issue = localizeEngineText('issue', params.issue)
  return i18n.global.t(`engine.${kind}.${m.key}`, params)
}

/** A field problem's message in the app's language (its path is the document's and is never translated). */
export const issueMessage = (message: string): string => localizeEngineText('issue', message)

/** An event note in the app's language; a merged crowd note's " since 21:19:03" tail is kept apart. */
export function eventNote(note: string): string {
  const since = / since (\S+)$/.exec(note)
  if (!since) return localizeEngineText('note', note)
  return i18n.global.t('engine.since', { note: localizeEngineText('note', note.slice(0, since.index)), t: since[1] })
}
