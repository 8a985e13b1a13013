// Asset prices the metrics use: the portfolio's `prices` (overridden by the caller's), then the
// profile's pegs (docs/MODEL.md §1: a pegged asset is `peg x ratio`; USDT/USDC/USDe peg to USD 1 in
// the shipped profiles). A price is never guessed: an asset with neither is reported missing.
import { USD, type Peg } from '../../model/venue'
import { ONE, type Dec } from '../../decimal'
import { parsedDecimal } from './parsed-inputs'

export interface PricedAsset {
  value: Dec
  /** `given`, or the peg chain that produced it, e.g. `WBETH -> ETH x 1.07`. */
  via: string
}

export interface PriceBook {
  /** USD price, or null when neither a price nor a peg chain to one exists. */
  get(asset: string): PricedAsset | null
  /** The asset a missing price must be given for (the end of the peg chain). */
  missingRoot(asset: string): string
}

/** Products kept per target price Decimal and ratio text (a few per price). */
const peggedValues = new WeakMap<Dec, Map<string, Dec>>()

/**
 * `target x ratio`, the same Decimal from call to call while the target is (USDT at 1 x 1 on
 * every call): a contract's quote price is then the same object each call, and so is every
 * position's state at an unchanged mark (account-book.ts reuses it by the prices' identity).
 */
function pegged(target: Dec, ratioText: string, ratio: Dec): Dec {
  let byRatio = peggedValues.get(target)
  if (byRatio === undefined) peggedValues.set(target, (byRatio = new Map()))
  let value = byRatio.get(ratioText)
  if (value === undefined) {
    value = target.mul(ratio)
    if (byRatio.size < 16) byRatio.set(ratioText, value)
  }
  return value
}

export function priceBook(given: Record<string, string>, pegs: Record<string, Peg>): PriceBook {
  const cache = new Map<string, PricedAsset | null>()
  const resolve = (asset: string, depth: number): PricedAsset | null => {
    const hit = cache.get(asset)
    if (hit !== undefined) return hit
    let out: PricedAsset | null = null
    // parsedDecimal: an unchanged price is the same Decimal from call to call, so figures at an
    // unchanged mark can be reused (parsed-inputs.ts `figuresAtMark`).
    if (given[asset] !== undefined) out = { value: parsedDecimal(given[asset]), via: 'given' }
    else if (pegs[asset] && depth < 16) {
      const peg = pegs[asset]
      const ratio = parsedDecimal(peg.ratio)
      const target = peg.to === USD ? { value: ONE, via: 'USD' } : resolve(peg.to, depth + 1)
      if (target) out = { value: pegged(target.value, peg.ratio, ratio), via: `${asset} -> ${peg.to} x ${peg.ratio}${target.via === 'given' || target.via === 'USD' ? '' : ` (${target.via})`}` }
    }
    cache.set(asset, out)
    return out
  }
  return {
    get: (asset) => resolve(asset, 0),
    missingRoot(asset) {
      let at = asset
      for (let i = 0; i < 16 && given[at] === undefined && pegs[at] && pegs[at].to !== USD; i++) at = pegs[at].to
      return at
    },
  }
}
