// Aave v3 health factor, trigger prices and one v3.3 liquidation call (docs/VENUE-RULES.md §4.1).
import { describe, expect, it } from 'vitest'
import { healthFactorText, liquidateAaveStepText, triggerPriceText } from '../../../../shared/engine'
import type { LendingParams } from '../../../../shared/model/venue'
import { D } from './support'

const market = (over: Partial<LendingParams['reserves']> = {}): LendingParams => ({
  closeFactor: '0.5',
  fullCloseHealthFactor: '0.95',
  fullCloseBelowValue: '2000',
  minLeftoverValue: '1000',
  reserves: {
    ETH: { ltv: '0.75', liquidationThreshold: '0.8', liquidationBonus: '1.05', protocolFee: '0.1' },
    GHO: { ltv: '0', liquidationThreshold: '0.01', liquidationBonus: '1', protocolFee: '0' },
    WETH: { ltv: '0.805', liquidationThreshold: '0.83', liquidationBonus: '1.05', protocolFee: '0.1' },
    USDC: { ltv: '0.75', liquidationThreshold: '0.78', liquidationBonus: '1.045', protocolFee: '0.1' },
    ...over,
  },
  eModes: [],
})

describe('health factor', () => {
  it('"supply $10,000 in ETH with an 80% liquidation threshold and borrow $6,000 in GHO, your health factor would be 1.333"', () => {
    const hf = healthFactorText({ supplies: [{ asset: 'ETH', amount: '5' }], borrows: [{ asset: 'GHO', amount: '6000' }] }, market(), { ETH: '2000', GHO: '1' })
    expect(hf?.startsWith('1.333333')).toBe(true)
  })

  it('is null without debt', () => {
    expect(healthFactorText({ supplies: [{ asset: 'ETH', amount: '5' }], borrows: [] }, market(), { ETH: '2000' })).toBeNull()
  })

  it('trigger price: ETH at which HF = 1 is 6,000 / (5 x 0.8) = 1,500', () => {
    const pos = { supplies: [{ asset: 'ETH', amount: '5' }], borrows: [{ asset: 'GHO', amount: '6000' }] }
    expect(triggerPriceText(pos, market(), { ETH: '2000', GHO: '1' }, 'ETH')).toBe('1500')
    expect(healthFactorText(pos, market(), { ETH: '1500', GHO: '1' })).toBe('1')
  })
})

describe('one Aave v3.3 liquidation call', () => {
  const prices = { WETH: '2000', USDC: '1' }

  it('HF above 0.95 and both sides >= 2,000 USD: at most 50% of the total debt; bonus 5%, protocol fee 10% of the bonus', () => {
    const r = liquidateAaveStepText({ supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '16800' }] }, market(), prices, { collateralAsset: 'WETH', debtAsset: 'USDC' })
    expect(r).toMatchObject({
      outcome: 'liquidated',
      closeFactor: '0.5',
      debtRepaid: '8400',
      collateralSeized: '4.41', // 8,400 / 2,000 x 1.05
      protocolFee: '0.021', // (4.41 - 4.41 / 1.05) x 10%
      liquidatorReceives: '4.389',
      deficit: [],
      after: { supplies: [{ asset: 'WETH', amount: '5.59' }], borrows: [{ asset: 'USDC', amount: '8400' }] },
    })
  })

  it('HF <= 0.95: the whole debt is liquidatable', () => {
    const r = liquidateAaveStepText({ supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '17600' }] }, market(), prices, { collateralAsset: 'WETH', debtAsset: 'USDC' })
    expect(r).toMatchObject({ outcome: 'liquidated', closeFactor: '1', debtRepaid: '17600', collateralSeized: '9.24' })
  })

  it('a position under 2,000 USD is closed at 100% even above HF 0.95', () => {
    const r = liquidateAaveStepText({ supplies: [{ asset: 'WETH', amount: '1' }], borrows: [{ asset: 'USDC', amount: '1300' }] }, market(), { WETH: '1500', USDC: '1' }, { collateralAsset: 'WETH', debtAsset: 'USDC' })
    expect(r).toMatchObject({ outcome: 'liquidated', closeFactor: '1', debtRepaid: '1300', collateralSeized: '0.91' })
  })

  it('refuses a partial liquidation that would leave under 1,000 USD of debt (MUST_NOT_LEAVE_DUST)', () => {
    const r = liquidateAaveStepText({ supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '17600' }] }, market(), prices, { collateralAsset: 'WETH', debtAsset: 'USDC', debtToCover: '17000' })
    expect(r).toMatchObject({ outcome: 'must-not-leave-dust', leftoverDebtValue: '600' })
  })

  it('counts the protocol fee out of the collateral left: 1,004.68 USD before the fee, 997.998 after, is dust and refused', () => {
    // 1.200609 WETH at 2,000 against 2,400 USDC (HF 0.83): repaying 1,336.4 seizes 0.70161 WETH,
    // of which 0.003341 is the protocol fee (10% of the 5% bonus).
    const pos = { supplies: [{ asset: 'WETH', amount: '1.200609' }], borrows: [{ asset: 'USDC', amount: '2400' }] }
    const r = liquidateAaveStepText(pos, market(), prices, { collateralAsset: 'WETH', debtAsset: 'USDC', debtToCover: '1336.4' })
    expect(r).toEqual({ outcome: 'must-not-leave-dust', healthFactor: '0.830421225', leftoverDebtValue: '1063.6', leftoverCollateralValue: '997.998' })
    // 0.004 WETH more keeps 1,005.998 USD after the fee: allowed.
    const ok = liquidateAaveStepText({ ...pos, supplies: [{ asset: 'WETH', amount: '1.204609' }] }, market(), prices, { collateralAsset: 'WETH', debtAsset: 'USDC', debtToCover: '1336.4' })
    expect(ok).toMatchObject({ outcome: 'liquidated', collateralSeized: '0.70161', protocolFee: '0.003341', after: { supplies: [{ asset: 'WETH', amount: '0.502999' }] } })
  })

  it('takes all collateral when it is not enough, and burns the rest of the debt as deficit (v3.3 bad debt)', () => {
    const r = liquidateAaveStepText({ supplies: [{ asset: 'WETH', amount: '1' }], borrows: [{ asset: 'USDC', amount: '2000' }] }, market(), prices, { collateralAsset: 'WETH', debtAsset: 'USDC' })
    if (r.outcome !== 'liquidated') throw new Error(r.outcome)
    expect(r.collateralSeized).toBe('1')
    const repaid = new D('2000').div('1.05')
    expect(r.debtRepaid).toBe(repaid.toFixed())
    expect(r.deficit).toEqual([{ asset: 'USDC', amount: new D('2000').sub(repaid).toFixed() }])
    expect(r.after).toEqual({ supplies: [], borrows: [] })
  })

  it('does nothing at HF >= 1', () => {
    const r = liquidateAaveStepText({ supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '1000' }] }, market(), prices, { collateralAsset: 'WETH', debtAsset: 'USDC' })
    expect(r.outcome).toBe('not-liquidatable')
  })
})
