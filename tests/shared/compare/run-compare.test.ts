// Comparing runs: each figure against the baseline with its exact difference and a verdict for the
// user, times aligned on the scenario's start, the user's events matched by kind + position +
// asset in order, and each position's ADL and liquidation across books.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareRuns, diffOccurrences, occurrences, type CompareRun } from '../../../shared/compare/run-compare'
import type { CascadeEvent, RunSummary } from '../../../shared/model/run'

function summary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    venue: 'binance',
    pricing: 'book',
    collateralPricing: 'market',
    calibrated: true,
    calibrationNote: '2025-10-10-binance, calibrated for binance',
    crowdSize: 1000,
    survived: true,
    firstMarginCall: null,
    firstLiquidation: null,
    startEquity: '1000',
    finalEquity: '900',
    loss: { price: '80', slippage: '10', fees: '10', profitLostToAdl: '0', total: '100' },
    firstAdlAt: null,
    userAdl: [],
    crowd: { accounts: 1200, liquidatedAccounts: 40, liquidatedNotional: '5000000', liquidatedLongShare: '0.9', adlCount: 3, adlAccounts: 2, adlNotional: '10000', liquidations: 45, rehedges: 0, openInterest: { start: '9000000', end: '8000000' }, absorbedBy: { insuranceFund: '100', adl: '50', unrecovered: '0' } },
    insuranceFund: { start: '1000000', end: '999900', min: '999800' },
    insuranceFunds: [],
    insuranceFundSource: 'venue',
    assets: {},
    steps: 100,
    elapsedMs: 12,
    ...over,
  }
}

let nextId = 1
function ev(t: string, kind: CascadeEvent['kind'], over: Partial<CascadeEvent> = {}): CascadeEvent {
  return { id: nextId++, t, kind, account: 'user', causes: [], ...over }
}

const positions = [
  { id: 'btc', symbol: 'BTCUSDT', side: 'long' as const },
  { id: 'doge', symbol: 'DOGEUSDT', side: 'short' as const },
]

function run(id: string, over: Partial<CompareRun> = {}): CompareRun {
  return { id, start: '2025-10-10T20:00:00Z', summary: summary(), events: [], positions, ...over }
}

const row = (c: ReturnType<typeof compareRuns>, key: string) => c.metrics.find((m) => m.key === key)!

describe('compareRuns: figures', () => {
  it('gives each figure per run, its exact difference from the baseline and whether that is better for the user', () => {
    const worse = summary({ survived: false, finalEquity: '700.1', firstLiquidation: '2025-10-10T21:15:00Z', loss: { price: '250', slippage: '29.9', fees: '10', profitLostToAdl: '10', total: '299.9' } })
    const c = compareRuns([run('a'), run('b', { summary: worse })])
    expect(row(c, 'survived')).toMatchObject({ values: ['survived', 'liquidated'], differs: [false, true], judgements: [null, null] })
    expect(row(c, 'finalEquity')).toMatchObject({ values: ['900', '700.1'], deltas: [null, '-199.9'], differs: [false, true], judgements: [null, 'worse'] })
    expect(row(c, 'equityChange')).toMatchObject({ values: ['-100', '-299.9'], deltas: [null, '-199.9'] })
    expect(row(c, 'equityChangeShare').values).toEqual(['-0.1', '-0.2999'])
    expect(row(c, 'loss.total')).toMatchObject({ deltas: [null, '199.9'], judgements: [null, 'worse'] })
    expect(row(c, 'loss.fees')).toMatchObject({ deltas: [null, '0'], differs: [false, false], judgements: [null, 'same'] })
    // The crowd's figures have no good direction for the user's book: shown, never judged.
    expect(row(c, 'crowd.liquidatedAccounts')).toMatchObject({ values: ['40', '40'], judgements: [null, null] })
  })

  it('shows what ADL closed beside the loss it covered, next to each other in the crowd\'s section', () => {
    const more = summary({ crowd: { ...summary().crowd, adlCount: 900, adlNotional: '1250000000', absorbedBy: { insuranceFund: '100', adl: '75', unrecovered: '0' } } })
    const c = compareRuns([run('a'), run('b', { summary: more })])
    expect(row(c, 'crowd.adlNotional')).toMatchObject({ section: 'crowd', format: 'money', values: ['10000', '1250000000'], judgements: [null, null] })
    const keys = c.metrics.map((m) => m.key)
    expect(keys.slice(keys.indexOf('crowd.adlCount'), keys.indexOf('crowd.adlCount') + 3)).toEqual(['crowd.adlCount', 'crowd.adlNotional', 'crowd.absorbedBy.insuranceFund'])
  })

  it('counts a time that never came as later than any: no liquidation beats one', () => {
    const liquidated = summary({ firstLiquidation: '2025-10-10T21:15:00Z' })
    const c = compareRuns([run('a'), run('b', { summary: liquidated }), run('c')])
    expect(row(c, 'firstLiquidation')).toMatchObject({ values: [null, String(75 * 60_000), null], deltas: [null, null, null], differs: [false, true, false], judgements: [null, 'worse', 'same'] })
    const back = compareRuns([run('b', { summary: liquidated }), run('a')])
    expect(row(back, 'firstLiquidation').judgements).toEqual([null, 'better'])
  })

  it('lines up runs of different scenarios on their starts: 21:15 on 10/10 from 20:00 equals 11:15 on 3/12 from 10:00', () => {
    const a = run('a', { summary: summary({ firstMarginCall: '2025-10-10T21:15:00Z' }) })
    const b = run('b', { start: '2020-03-12T10:00:00Z', summary: summary({ firstMarginCall: '2020-03-12T11:15:00Z' }) })
    expect(row(compareRuns([a, b]), 'firstMarginCall')).toMatchObject({ values: ['4500000', '4500000'], deltas: [null, '0'], judgements: [null, 'same'] })
  })

  it('needs two runs', () => {
    expect(() => compareRuns([run('a')])).toThrow('two or more runs')
  })
})

describe('the user events one run has and the other lacks', () => {
  it('folds the fills of one step into one occurrence and ignores the crowd', () => {
    const occ = occurrences({
      start: '2025-10-10T20:00:00Z',
      events: [
        ev('2025-10-10T21:16:00Z', 'adl', { position: 'doge', asset: 'DOGE', qty: '100', price: '0.2' }),
        ev('2025-10-10T21:16:00Z', 'adl', { position: 'doge', asset: 'DOGE', qty: '50.5', price: '0.21' }),
        ev('2025-10-10T21:16:00Z', 'liquidation', { account: 'c000001', position: 'BTCUSDT', qty: '1' }),
        ev('2025-10-10T21:17:00Z', 'adl', { position: 'doge', asset: 'DOGE', qty: '7' }),
      ],
    })
    expect(occ.map((o) => [o.key, o.qty, o.price, o.elapsedMs, o.eventIds.length])).toEqual([
      ['adl|doge|DOGE', '150.5', '0.2', 76 * 60_000, 2],
      ['adl|doge|DOGE', '7', null, 77 * 60_000, 1],
    ])
  })

  it('matches kind + position + asset in order; the rest is one-sided', () => {
    const base = run('a', {
      events: [
        ev('2025-10-10T21:10:00Z', 'margin-call'),
        ev('2025-10-10T21:15:00Z', 'liquidation', { position: 'btc', asset: 'BTC', qty: '2' }),
        ev('2025-10-10T21:16:00Z', 'adl', { position: 'doge', asset: 'DOGE', qty: '10' }),
      ],
    })
    const other = run('b', {
      events: [
        ev('2025-10-10T21:12:00Z', 'margin-call'),
        ev('2025-10-10T21:14:00Z', 'adl', { position: 'doge', asset: 'DOGE', qty: '10' }),
        ev('2025-10-10T21:20:00Z', 'adl', { position: 'doge', asset: 'DOGE', qty: '5' }),
        ev('2025-10-10T21:21:00Z', 'liquidation', { asset: 'DOGE', qty: '9000' }),
      ],
    })
    const [d] = compareRuns([base, other]).events
    expect(d.other).toBe(1)
    expect(d.matched.map((m) => [m.key, m.dtMs])).toEqual([
      ['margin-call||', 2 * 60_000],
      ['adl|doge|DOGE', -2 * 60_000],
    ])
    expect(d.onlyBase.map((o) => o.key)).toEqual(['liquidation|btc|BTC'])
    // The second ADL of doge and the collateral sale (no position, asset DOGE) exist only in the other run.
    expect(d.onlyOther.map((o) => [o.key, o.qty])).toEqual([
      ['adl|doge|DOGE', '5'],
      ['liquidation||DOGE', '9000'],
    ])
  })

  it('partitions both sides, and a run against itself matches everything at no time difference', () => {
    const kinds = ['liquidation', 'adl', 'margin-call'] as const
    const eventList = fc.array(
      fc.record({ minute: fc.integer({ min: 0, max: 30 }), kind: fc.constantFrom(...kinds), position: fc.constantFrom('btc', 'doge', undefined) }),
      { maxLength: 25 },
    )
    fc.assert(
      fc.property(eventList, eventList, (xs, ys) => {
        const toEvents = (list: typeof xs) => list.map((x) => ev(`2025-10-10T21:${String(x.minute).padStart(2, '0')}:00Z`, x.kind, x.position ? { position: x.position } : {}))
        const a = occurrences({ start: '2025-10-10T20:00:00Z', events: toEvents(xs) })
        const b = occurrences({ start: '2025-10-10T20:00:00Z', events: toEvents(ys) })
        const d = diffOccurrences(a, b)
        expect(d.matched.length + d.onlyBase.length).toBe(a.length)
        expect(d.matched.length + d.onlyOther.length).toBe(b.length)
        for (const m of d.matched) expect(m.base.key).toBe(m.other.key)
        const self = diffOccurrences(a, a)
        expect(self.onlyBase).toEqual([])
        expect(self.onlyOther).toEqual([])
        expect(self.matched.every((m) => m.dtMs === 0)).toBe(true)
      }),
    )
  })
})

describe('each position across books', () => {
  it('lists every position of any book, with its liquidation and ADL per run, null where a book lacks it', () => {
    const base = run('a', {
      events: [ev('2025-10-10T21:15:00Z', 'liquidation', { position: 'btc', asset: 'BTC', qty: '1.5' }), ev('2025-10-10T21:15:00Z', 'liquidation', { position: 'btc', asset: 'BTC', qty: '0.5' })],
    })
    const userAdl = [{ eventId: 9, t: '2025-10-10T21:16:00Z', position: 'doge', qty: '10', price: '0.2', profitLost: '123.45' }]
    const other = run('b', {
      positions: [...positions, { id: 'eth', symbol: 'ETHUSDT', side: 'long' }],
      summary: summary({ userAdl }),
      events: [ev('2025-10-10T21:16:00Z', 'adl', { position: 'doge', asset: 'DOGE', qty: '10' })],
    })
    const { positions: rows } = compareRuns([base, other])
    expect(rows.map((r) => [r.id, r.differs])).toEqual([
      ['btc', true],
      ['doge', true],
      ['eth', true],
    ])
    expect(rows[0].cells[0]).toMatchObject({ liquidations: 1, liquidatedQty: '2', firstLiquidationMs: 75 * 60_000 })
    expect(rows[0].cells[1]).toMatchObject({ liquidations: 0, liquidatedQty: '0', firstLiquidationMs: null })
    expect(rows[1].cells[1]).toMatchObject({ adl: 1, adlQty: '10', firstAdlMs: 76 * 60_000, profitLost: '123.45' })
    expect(rows[2].cells).toEqual([null, expect.objectContaining({ liquidations: 0, adl: 0 })])
  })

  it('keeps a position id that changed contract or side as separate rows', () => {
    const other = run('b', { positions: [{ id: 'btc', symbol: 'BTCUSDT', side: 'short' }] })
    const { positions: rows } = compareRuns([run('a'), other])
    expect(rows.map((r) => `${r.id} ${r.side}`)).toEqual(['btc long', 'doge short', 'btc short'])
    expect(rows[0].cells[1]).toBeNull()
  })

  it('sees no difference between a run and itself', () => {
    const a = run('a', { events: [ev('2025-10-10T21:15:00Z', 'liquidation', { position: 'btc', qty: '1' })] })
    const c = compareRuns([a, { ...a, id: 'a2' }])
    expect(c.positions.every((r) => !r.differs)).toBe(true)
    expect(c.metrics.every((m) => !m.differs[1])).toBe(true)
  })
})
