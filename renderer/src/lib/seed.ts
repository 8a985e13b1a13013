// The seed of a run as typed in the replay screen: empty means the scenario's own crowd seed.
import { translate } from '../i18n'

/** A whole number 0..2^32-1, or empty for the scenario's default. */
export function parseSeed(text: string): { ok: true; value: number | undefined } | { ok: false; message: string } {
  const t = text.trim()
  if (t === '') return { ok: true, value: undefined }
  if (!/^[0-9]{1,10}$/.test(t) || Number(t) > 4294967295) return { ok: false, message: translate('run.seedRule') }
  return { ok: true, value: Number(t) }
}
