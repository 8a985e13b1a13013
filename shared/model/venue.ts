// Venue profile (`cascade.venue/1`, FORMATS.md): every venue parameter is data, never code.
// Minimal shape for the foundation; the exact-mechanics work extends it.
import type { DecimalString } from './portfolio'

export const VENUE_FORMAT = 'cascade.venue/1' as const

export interface VenueProfileHeader {
  format: typeof VENUE_FORMAT
  id: string
  name: string
  snapshot: string
}

export interface VenueBracketInput {
  notionalCap?: DecimalString
  maxLeverage: DecimalString
  mmr: DecimalString
}
