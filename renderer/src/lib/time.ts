// Times of a run as a trader reads them: UTC wall clock of the simulated window ("21:15:00"),
// with the date when the window spans days, and durations ("2h 30m", "+1h 15m").

const pad = (n: number): string => String(n).padStart(2, '0')

/** "2025-10-10T21:15:00Z" -> "21:15:00"; with `date`, "10-10 21:15:00". Invalid text is returned as given. */
export function utcClock(iso: string | null | undefined, date = false): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return date ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clock}` : clock
}

/** "2025-10-10T20:00:00Z" -> "2025-10-10 20:00 UTC". */
export function utcDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`
}

/** Whether two instants fall on different UTC days (then clocks need their date). */
export function spansDays(startIso: string, endIso: string): boolean {
  return startIso.slice(0, 10) !== endIso.slice(0, 10)
}

/** A duration in ms as "2h 30m", "45m", "12s", "850 ms". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  const sign = ms < 0 ? '-' : ''
  let rest = Math.abs(ms)
  if (rest < 1000) return `${sign}${Math.round(rest)} ms`
  rest = Math.round(rest / 1000)
  const h = Math.floor(rest / 3600)
  const m = Math.floor((rest % 3600) / 60)
  const s = rest % 60
  if (h > 0) return `${sign}${h}h${m ? ` ${m}m` : ''}`
  if (m > 0) return `${sign}${m}m${s ? ` ${s}s` : ''}`
  return `${sign}${s}s`
}

/** Time of `iso` after `startIso`, as "+1h 15m". */
export function sinceStart(startIso: string, iso: string | null | undefined): string {
  if (!iso) return ''
  const d = Date.parse(iso) - Date.parse(startIso)
  return Number.isNaN(d) ? '' : `+${duration(d)}`
}

/** A local timestamp for lists of past runs: "2026-11-21 08:18". */
export function localStamp(iso: string | null | undefined): string {
  if (!iso) return '—'
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
