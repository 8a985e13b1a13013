// The inputs of a run, hashed so that anyone can tell whether they reproduce it: the book and the
// scenario exactly as the engine ran them (a what-if already applied), the seed and the run's
// options, as canonical JSON (RFC 8785) under a format tag, then SHA-256 (docs/FORMATS.md §6.3).
// Venue profiles are named by the book (`venue`) and are not hashed: the report names the
// profile's snapshot beside the hash.
import type { Portfolio } from '../model/portfolio'
import type { Scenario } from '../model/scenario'
import { canonicalJson } from './canonical-json'
import { sha256OfText } from './sha256'

export const RUN_INPUT_FORMAT = 'cascade.run-input/1' as const

export interface RunInputs {
  book: Portfolio
  scenario: Scenario
  seed: number
  options: {
    /** `book`: the scenario's moves from the book's marks; `historical`: re-priced at the scenario's start prices. */
    pricing: 'book' | 'historical'
    /** `conversion`: the venue's conversion-rate collateral index; absent or `market`: the scenario's prices. */
    collateralPricing?: 'market' | 'conversion'
  }
}

/** The text that is hashed: `{"book":…,"format":"cascade.run-input/1","options":…,"scenario":…,"seed":N}`. */
export function runInputsText(inputs: RunInputs): string {
  return canonicalJson({ format: RUN_INPUT_FORMAT, book: inputs.book, scenario: inputs.scenario, seed: inputs.seed, options: { pricing: inputs.options.pricing, ...(inputs.options.collateralPricing === 'conversion' ? { collateralPricing: 'conversion' } : {}) } })
}

/** SHA-256 of `runInputsText`, 64 lowercase hex digits. */
export function runInputHash(inputs: RunInputs): string {
  return sha256OfText(runInputsText(inputs))
}
