// Test helpers for the engine: shipped profiles read through the real validator and catalog
// resolution, and small books built from strings.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Portfolio, Position } from '../../../../shared/model/portfolio'
import type { ContractSpec, ExchangeProfile, LendingProfile, VenueProfile } from '../../../../shared/model/venue'
import { parseVenueText } from '../../../../shared/schemas/venue'

export const venuesDir = join(__dirname, '../../../../resources/venues')

export function shippedProfile(id: string): VenueProfile {
  const r = parseVenueText(readFileSync(join(venuesDir, `${id}.json`), 'utf8'))
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.issues)}`)
  return r.value
}

/** An exchange profile with aave-v3 attached, as the catalog returns it. */
export function exchange(id = 'binance'): ExchangeProfile {
  const v = shippedProfile(id) as ExchangeProfile
  const aave = shippedProfile('aave-v3') as LendingProfile
  return { ...v, defi: { 'aave-v3': aave.lending }, pegs: { ...aave.pegs, ...v.pegs } }
}

export function contract(brackets: [cap: string | null, maxLeverage: string, mmr: string][], base = 'BTC', quote = 'USDT'): ContractSpec {
  return { base, quote, brackets: brackets.map(([cap, maxLeverage, mmr]) => ({ ...(cap === null ? {} : { notionalCap: cap }), maxLeverage, mmr })) }
}

export function book(over: Partial<Portfolio> = {}): Portfolio {
  return {
    format: 'cascade.portfolio/1',
    name: 'test',
    venue: 'binance',
    marginMode: 'cross',
    prices: {},
    wallet: [],
    positions: [],
    loans: [],
    defi: [],
    loops: [],
    ...over,
  }
}

export function position(p: Partial<Position> & Pick<Position, 'symbol' | 'side' | 'entryPrice'>): Position {
  return { id: `${p.symbol}-${p.side}`, qty: '1', leverage: '1', ...p }
}

export { D } from '../../../../shared/decimal'
