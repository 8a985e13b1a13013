// The axes a study of this book under this scenario can sweep (docs/DECISIONS.md §1), offered as
// suggestions beside the free text fields: the axes of no asset, a shock for every asset the
// scenario prices, a depeg for every asset it pegs, and collateral in the wallet's assets and the
// usual stablecoins. Main still checks whatever is typed. Pure.
import type { Portfolio } from '../../../../shared/model/portfolio'
import type { Scenario } from '../../../../shared/model/scenario'

/** Kinds in the order a set is applied (docs/DECISIONS.md §1). */
export const AXIS_KINDS = ['scale', 'shock', 'depeg', 'withdrawal', 'fund', 'collateral'] as const
export type AxisKindName = (typeof AXIS_KINDS)[number]

const STABLES = ['USDT', 'USDC']

/** The kind of an axis name (`shock:BTC` -> shock), or null for a name that is none. */
export function axisKind(axis: string): AxisKindName | null {
  const kind = axis.split(':')[0]
  return (AXIS_KINDS as readonly string[]).includes(kind) ? (kind as AxisKindName) : null
}

export function axisChoices(scenario: Pick<Scenario, 'prices' | 'pegs'> | null, book: Pick<Portfolio, 'wallet'> | null): string[] {
  const out = ['scale', 'withdrawal', 'fund']
  const priced = Object.keys(scenario?.prices ?? {}).sort()
  for (const a of priced) out.push(`shock:${a}`)
  for (const a of Object.keys(scenario?.pegs ?? {}).sort()) out.push(`depeg:${a}`)
  const collateral = new Set<string>([...(book?.wallet ?? []).map((w) => w.asset), ...STABLES])
  for (const a of [...collateral].sort()) out.push(`collateral:${a}`)
  return [...new Set(out)]
}
