// How the Compare screen writes a figure and its difference, by kind, and chart file names.
import { describe, expect, it } from 'vitest'
import { formatDelta, formatFigure, sinceStartLabel, type CompareWords } from '../../../renderer/src/lib/compare-format'
import { chartFileName, compareFileBase, runFileBase } from '../../../renderer/src/lib/chart-export'

const words: CompareWords = { never: 'never', survived: 'Survived', liquidated: 'Liquidated', points: (n) => `${n} pt` }

describe('compare figures', () => {
  it('writes each kind of figure', () => {
    expect(formatFigure('money', 'outcome', '1117533.626', words)).toBe('1,117,533.63')
    expect(formatFigure('money', 'crowd', '14200000000', words)).toBe('14.2B')
    expect(formatFigure('count', 'crowd', '4321', words)).toBe('4,321')
    expect(formatFigure('share', 'outcome', '-0.2999', words)).toBe('-29.99%')
    expect(formatFigure('elapsed', 'outcome', String(79 * 60_000 + 44_000), words)).toBe('+1h 19m')
    expect(formatFigure('elapsed', 'outcome', null, words)).toBe('never')
    expect(formatFigure('verdict', 'outcome', 'liquidated', words)).toBe('Liquidated')
  })

  it('writes each kind of difference, signed, and nothing for none', () => {
    expect(formatDelta('money', 'loss', '199.9', words)).toBe('+199.90')
    expect(formatDelta('money', 'fund', '-150000000', words)).toBe('-150M')
    expect(formatDelta('count', 'crowd', '-12', words)).toBe('-12')
    expect(formatDelta('share', 'outcome', '-0.1999', words)).toBe('-19.99 pt')
    expect(formatDelta('elapsed', 'outcome', '-120000', words)).toBe('-2m')
    expect(formatDelta('money', 'loss', '0', words)).toBe('')
    // Too small to show beside figures that both read 0: nothing, never "-0" or "+0.00".
    expect(formatDelta('money', 'crowd', '-0.3', words)).toBe('')
    expect(formatDelta('money', 'loss', '0.004', words)).toBe('')
    expect(formatDelta('money', 'loss', '-0.006', words)).toBe('-0.01')
    expect(formatDelta('share', 'crowd', '0.0004', words)).toBe('')
    expect(formatDelta('money', 'crowd', '-2.6', words)).toBe('-3')
    expect(formatDelta('money', 'loss', null, words)).toBe('')
    expect(formatDelta('verdict', 'outcome', '1', words)).toBe('')
    expect(sinceStartLabel(null, 'never')).toBe('never')
    expect(sinceStartLabel(90_000, 'never')).toBe('+1m 30s')
  })
})

describe('chart file names', () => {
  it('names a chart after its run, in safe characters', () => {
    const base = runFileBase({ portfolioName: 'Hedge book (BTC/ETH)', scenarioId: '2025-10-10', seed: 28 })
    expect(base).toBe('Hedge-book-_BTC_ETH_-2025-10-10-seed28')
    expect(chartFileName(base, 'timeline-chart')).toBe('Hedge-book-_BTC_ETH_-2025-10-10-seed28-timeline-chart.png')
    expect(chartFileName('強制清算', '../x')).toBe('x.png')
    expect(chartFileName('', '')).toBe('chart.png')
  })

  it('names a comparison by every run it compares, the shared book once', () => {
    const book = 'Hedge book (BTC and ETH long, DOGE short hedge, DOGE collateral)'
    const runs = [
      { portfolioName: book, scenarioId: '2025-10-10-binance', seed: 5 },
      { portfolioName: book, scenarioId: '2021-05-19-binance', seed: 5 },
      { portfolioName: book, scenarioId: '2025-10-10-binance', seed: 42 },
    ]
    const name = chartFileName(compareFileBase(runs), 'equity-margin')
    expect(name).toBe('compare-Hedge-book-_BTC-and-ETH-long_-DO-2025-10-10-binance-seed5-vs-2021-05-19-binance-seed5-vs-2025-10-10-binance-seed42-equity-margin.png')
    // Different books: each run names its own, shortened.
    expect(compareFileBase([runs[0]!, { portfolioName: 'Market maker', scenarioId: '2025-10-10-binance', seed: 5 }])).toBe(
      'compare-Hedge-book-_BTC-and-2025-10-10-binance-seed5-vs-Market-maker-2025-10-10-binance-seed5',
    )
  })
})
