// Chart colours for each theme, the same values as the CSS tokens in styles/base.css (canvas
// cannot read CSS variables), plus a colour per event kind and per ADL light level.
import type { EventKind } from '../../../shared/model/run'

export type ThemeName = 'dark' | 'light'

export interface ChartPalette {
  theme: ThemeName
  background: string
  panel: string
  text: string
  textStrong: string
  muted: string
  faint: string
  axis: string
  split: string
  accent: string
  long: string
  short: string
  warn: string
  /** Lines of several series (assets), in order. */
  series: string[]
  kinds: Record<EventKind, string>
  /** Fill of 0..5 ADL lights. */
  lights: [string, string, string, string, string, string]
  tooltipBg: string
  tooltipBorder: string
}

const DARK: ChartPalette = {
  theme: 'dark',
  background: 'transparent',
  panel: '#12161d',
  text: '#d8dee8',
  textStrong: '#f1f4f8',
  muted: '#8792a3',
  faint: '#5c6676',
  axis: '#364052',
  split: '#1f2530',
  accent: '#3d8bfd',
  long: '#2ebd85',
  short: '#f6465d',
  warn: '#f0b90b',
  series: ['#f7931a', '#8c9eff', '#14f195', '#38bdf8', '#e879f9', '#facc15', '#fb7185', '#a3e635', '#94a3b8', '#f472b6'],
  kinds: {
    shock: '#94a3b8',
    depth: '#64748b',
    depeg: '#e879f9',
    'margin-call': '#f0b90b',
    liquidation: '#f6465d',
    insurance: '#3d8bfd',
    adl: '#fb923c',
    'circuit-breaker': '#22d3ee',
    bankrupt: '#b91c1c',
    'defi-liquidation': '#c084fc',
    'loop-unwind': '#a78bfa',
  },
  lights: ['#262d39', '#2ebd85', '#86c25a', '#f0b90b', '#f0883e', '#f6465d'],
  tooltipBg: '#181d26',
  tooltipBorder: '#364052',
}

const LIGHT: ChartPalette = {
  theme: 'light',
  background: 'transparent',
  panel: '#ffffff',
  text: '#1d2530',
  textStrong: '#0b1017',
  muted: '#5a6677',
  faint: '#8a94a3',
  axis: '#bfc7d2',
  split: '#eceff3',
  accent: '#1f6feb',
  long: '#078a55',
  short: '#d0283f',
  warn: '#9a6700',
  series: ['#d97706', '#4f46e5', '#059669', '#0284c7', '#c026d3', '#a16207', '#e11d48', '#65a30d', '#475569', '#db2777'],
  kinds: {
    shock: '#64748b',
    depth: '#94a3b8',
    depeg: '#c026d3',
    'margin-call': '#b45309',
    liquidation: '#d0283f',
    insurance: '#1f6feb',
    adl: '#ea580c',
    'circuit-breaker': '#0891b2',
    bankrupt: '#7f1d1d',
    'defi-liquidation': '#9333ea',
    'loop-unwind': '#7c3aed',
  },
  lights: ['#e5e9ef', '#078a55', '#5f9e2f', '#b58a00', '#c4590b', '#d0283f'],
  tooltipBg: '#ffffff',
  tooltipBorder: '#bfc7d2',
}

export function chartPalette(theme: ThemeName): ChartPalette {
  return theme === 'light' ? LIGHT : DARK
}

/** Colour of a known asset, stable across charts (BTC orange, ETH indigo, ...); others by index. */
const ASSET_INDEX: Record<string, number> = { BTC: 0, ETH: 1, SOL: 2, DOGE: 3, USDe: 4, BNB: 5, WBETH: 6, BNSOL: 7, ALTBASKET: 8 }

export function assetColor(p: ChartPalette, asset: string, fallbackIndex: number): string {
  const i = ASSET_INDEX[asset] ?? fallbackIndex
  return p.series[i % p.series.length]
}

/** Shared tooltip look. */
export function tooltipStyle(p: ChartPalette, font?: string) {
  return {
    backgroundColor: p.tooltipBg,
    borderColor: p.tooltipBorder,
    borderWidth: 1,
    padding: [6, 8] as [number, number],
    textStyle: { color: p.text, fontSize: 12, ...(font ? { fontFamily: font } : {}) },
    extraCssText: 'box-shadow: 0 6px 20px rgba(0,0,0,0.35); border-radius: 5px;',
  }
}

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', sans-serif"

/**
 * CJK faces per language, the same as styles/base.css: Japanese and Chinese draw some Han
 * characters differently (直, 角, 骨), so each language asks for its own face first.
 */
const CJK_FONTS: Record<string, string> = {
  ja: "'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic UI', 'Meiryo', 'Noto Sans CJK JP', 'Noto Sans JP', 'Source Han Sans JP'",
  'zh-CN': "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC'",
}

/** The canvas font stack of a chart for the app's language (a canvas does not read the page's CSS). */
export function chartFont(locale: string): string {
  const cjk = CJK_FONTS[locale]
  return cjk ? FONT.replace(', sans-serif', `, ${cjk}, sans-serif`) : FONT
}
