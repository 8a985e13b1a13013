// Applying a what-if set (docs/DECISIONS.md §1): each axis sets how deep the scenario's own paths
// go, keeping their timing and shape; the book gains collateral; what the engine would refuse is
// refused here with the axis named.
import { describe, expect, it } from 'vitest'
import { applySet, extremeOf, mainShape } from '../../../../shared/engine/whatif'
import { dec, text } from '../../../../shared/decimal'
import type { Scenario } from '../../../../shared/model/scenario'
import { binanceHedgeBook, preset } from '../cascade/support'

const scenario = preset('2025-10-10')
const hedge = binanceHedgeBook()

function applied(set: Record<string, string>): { scenario: Scenario; wallet: { asset: string; amount: string }[] } {
  const r = applySet(hedge, scenario, set)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return { scenario: r.scenario, wallet: r.portfolio.wallet }
}

const pathOf = (s: Scenario, asset: string) => s.shocks.find((x) => x.asset === asset)?.path ?? []
const values = (path: [string, string][]) => path.map(([, v]) => Number(v))
const times = (path: [string, string][]) => path.map(([t]) => t)

describe('applying a what-if set', () => {
  it('an empty set changes nothing: the same scenario object, so a crowd made for it is reused', () => {
    const r = applySet(hedge, scenario, {})
    expect(r.ok && r.scenario).toBe(scenario)
    expect(r.ok && r.portfolio).toBe(hedge)
  })

  it('shock:ASSET scales the asset\'s own path so its bottom is the value, at the same times', () => {
    const before = pathOf(scenario, 'BTC')
    const after = pathOf(applied({ 'shock:BTC': '-0.2' }).scenario, 'BTC')
    expect(times(after)).toEqual(times(before))
    expect(extremeOf(after)?.toString()).toBe('-0.2')
    const k = -0.2 / (extremeOf(before)?.toNumber() as number)
    values(after).forEach((v, i) => expect(v).toBeCloseTo(values(before)[i] * k, 10))
    // Other assets untouched.
    expect(pathOf(applied({ 'shock:BTC': '-0.2' }).scenario, 'ETH')).toEqual(pathOf(scenario, 'ETH'))
  })

  it('an asset without a path of its own takes the main move\'s shape (the deepest shock, normalised)', () => {
    const s = applied({ 'shock:USDT': '-0.05' }).scenario
    const shape = mainShape(scenario)
    expect(extremeOf(shape)?.toString()).toBe('1')
    expect(times(pathOf(s, 'USDT'))).toEqual(times(shape))
    expect(extremeOf(pathOf(s, 'USDT'))?.toString()).toBe('-0.05')
  })

  it('depeg:ASSET adds a depeg on the venue\'s book shaped like the main move, never above its value', () => {
    const s = applied({ 'depeg:USDe': '0.3' }).scenario
    const d = s.depegs.find((x) => x.asset === 'USDe')
    expect(d?.scope).toBe('venue')
    expect(Math.max(...values(d?.path ?? []))).toBe(0.3)
    expect(Math.min(...values(d?.path ?? []))).toBeGreaterThanOrEqual(0)
  })

  it('withdrawal scales every schedule by one factor: the deepest pull is the value, the preset\'s own deepest pull is the preset', () => {
    const schedules = [scenario.makerWithdrawal, ...Object.values(scenario.makerWithdrawalByAsset)].flat()
    const deepest = schedules.map(([, m]) => dec('1').minus(dec(m))).reduce((a, b) => (b.gt(a) ? b : a))
    expect(applied({ withdrawal: text(deepest) }).scenario.makerWithdrawal).toEqual(scenario.makerWithdrawal)
    expect(applied({ withdrawal: text(deepest) }).scenario.makerWithdrawalByAsset).toEqual(scenario.makerWithdrawalByAsset)
    const half = applied({ withdrawal: text(deepest.div(2)) }).scenario
    const pulled = (p: [string, string][]) => values(p).map((m) => 1 - m)
    pulled(half.makerWithdrawal).forEach((x, i) => expect(x).toBeCloseTo(pulled(scenario.makerWithdrawal)[i] / 2, 10))
    pulled(half.makerWithdrawalByAsset.BTC).forEach((x, i) => expect(x).toBeCloseTo(pulled(scenario.makerWithdrawalByAsset.BTC)[i] / 2, 10))
    const none = applied({ withdrawal: '0' }).scenario
    expect([...values(none.makerWithdrawal), ...Object.values(none.makerWithdrawalByAsset).flatMap(values)].every((m) => m === 1)).toBe(true)
  })

  it('scale works in log-price: a move m becomes (1 + m)^k - 1, so no price crosses zero at any factor', () => {
    const s = applied({ scale: '3' }).scenario
    for (const shock of scenario.shocks) {
      values(pathOf(s, shock.asset)).forEach((v, i) => expect(v).toBeCloseTo((1 + values(shock.path)[i]) ** 3 - 1, 9))
      expect(Math.min(...values(pathOf(s, shock.asset)))).toBeGreaterThan(-1)
    }
    expect(applied({ scale: '1' }).scenario.shocks).toEqual(scenario.shocks)
    // shock:ASSET wins over scale for its asset.
    expect(extremeOf(pathOf(applied({ scale: '3', 'shock:BTC': '-0.1' }).scenario, 'BTC'))?.toString()).toBe('-0.1')
  })

  it('fund replaces the insurance fund; collateral:ASSET adds to the wallet, or a new row', () => {
    expect(applied({ fund: '200000000' }).scenario.insuranceFund).toBe('200000000')
    const before = JSON.stringify(hedge.wallet)
    const doge = hedge.wallet.findIndex((w) => w.asset === 'DOGE')
    expect(applied({ 'collateral:DOGE': '1000000' }).wallet[doge]).toEqual({ asset: 'DOGE', amount: text(dec(hedge.wallet[doge].amount).plus(1_000_000)) })
    const r = applySet(hedge, scenario, { 'collateral:ZZZ': '500000' })
    expect(r.ok && r.portfolio.wallet).toEqual([...hedge.wallet, { asset: 'ZZZ', amount: '500000' }])
    expect(r.ok && r.addedWallet).toEqual({ [hedge.wallet.length]: 'collateral:ZZZ' })
    expect(JSON.stringify(hedge.wallet)).toBe(before)
  })

  it('an asset named like an object\'s own property is an unknown asset, nothing more', () => {
    const r = applySet(hedge, scenario, { 'shock:constructor': '-0.1', 'depeg:toString': '0.1' })
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(['set.shock:constructor', 'set.depeg:toString'])
  })

  it('refuses axes that do not apply to the pair, naming the axis', () => {
    const r = applySet(hedge, scenario, { 'shock:USDe': '-0.1', 'shock:XRP': '-0.1', 'depeg:BTC': '0.1' })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.issues).toEqual([
      { path: 'set.shock:USDe', message: 'USDe is pegged in scenario 2025-10-10: move it with depeg:USDe' },
      { path: 'set.shock:XRP', message: expect.stringContaining('XRP is not priced by scenario 2025-10-10') },
      { path: 'set.depeg:BTC', message: expect.stringContaining('BTC is not pegged in scenario 2025-10-10 (pegged: ') },
    ])
  })

  it('a set asked for again gives the same scenario, the book its own collateral', () => {
    // The checked scenario is kept per input scenario and scenario axes (a grid's column repeats
    // them): the collateral differs, the scenario is the one checked before.
    const a = applySet(hedge, scenario, { 'shock:BTC': '-0.25', 'collateral:USDT': '1000' })
    const b = applySet(hedge, scenario, { 'shock:BTC': '-0.25', 'collateral:USDT': '5000' })
    if (!a.ok || !b.ok) throw new Error('refused')
    expect(b.scenario).toBe(a.scenario)
    expect(b.portfolio.wallet).not.toEqual(a.portfolio.wallet)
    // The axes apply in their canonical order whatever the set's: either order is one scenario.
    const first = applied({ 'shock:BTC': '-0.25', scale: '2' }).scenario
    expect(applied({ scale: '2', 'shock:BTC': '-0.25' }).scenario).toBe(first)
    expect(extremeOf(pathOf(first, 'BTC'))?.toString()).toBe('-0.25')
    expect(applied({ scale: '3', 'shock:BTC': '-0.25' }).scenario).not.toBe(first)
    // Another input scenario with the same axes gets its own.
    const other = applySet(hedge, preset('2025-10-10'), { 'shock:BTC': '-0.25', 'collateral:USDT': '1000' })
    expect(other.ok && other.scenario).not.toBe(a.scenario)
  })
})
