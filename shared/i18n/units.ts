// The units figures are written with in each language the app and its reports speak: compact
// money (thousands in English, 万 = 10^4 steps in Japanese and Chinese) and durations. One table
// for the renderer (renderer/src/lib/format.ts) and the HTML report (shared/report/report-format.ts).
import type { TextLang } from './scenario-names'

/** Compact units, largest first. */
export const COMPACT_UNITS: Record<TextLang, ReadonlyArray<readonly [number, string]>> = {
  en: [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ],
  ja: [
    [1e12, '兆'],
    [1e8, '億'],
    [1e4, '万'],
  ],
  'zh-CN': [
    [1e12, '万亿'],
    [1e8, '亿'],
    [1e4, '万'],
  ],
}

/** Duration units; `gap` goes between two of them ("1h 5m", "1時間5分"). */
export const DURATION_UNITS: Record<TextLang, { h: string; m: string; s: string; ms: string; gap: string }> = {
  en: { h: 'h', m: 'm', s: 's', ms: ' ms', gap: ' ' },
  ja: { h: '時間', m: '分', s: '秒', ms: 'ミリ秒', gap: '' },
  'zh-CN': { h: '小时', m: '分钟', s: '秒', ms: '毫秒', gap: '' },
}
