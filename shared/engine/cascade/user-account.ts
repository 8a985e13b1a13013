// The user's account during a run (account `user`): what the run asks of it, and what happened to
// it (the tallies and event ids the summary reads). Each concern has its own module:
// - user-holdings.ts: the book as float64 state, prices, cash movements, its part of the ledger;
// - user-valuation.ts: one look at the account (equity, MM, uniMMR, the normalised margin ratio);
// - user-margin.ts: margin calls and which positions are liquidated when, per margin mode;
// - user-liquidation.ts: one position through the waterfall, fees, the fund's top-up of a deficit;
// - user-collateral-sale.ts: portfolio margin's loans repaid by selling collateral;
// - user-adl.ts: scores, queue membership, lights and `adl` events of the user's positions;
// - user-defi.ts: DeFi margin calls and Aave liquidations;
// - user-causes.ts: the causes a user event cites.
// docs/CASCADE-NOTES.md "The user's account" has the rules.
import type { Peg } from '../../model/venue'
import type { Book } from '../account/account-book'
import type { AdlMatch, SpecialMember } from './adl-queue'
import type { RunContext } from './context'
import { adlMembers, adlScore, recordAdl, updateLights, type ScoreInputs } from './user-adl'
import { checkLending } from './user-defi'
import { UserHoldings, type UserPosition } from './user-holdings'
import { checkExchange, marginCallRatio } from './user-margin'
import { measureAccount, type UserFigures } from './user-valuation'

export class UserAccount extends UserHoldings {
  /** The margin call line on the normalised margin ratio (user-margin.ts). */
  readonly callRatio: number
  calling = false
  liquidated = false
  bankrupt = false
  /** Event ids: margin calls, liquidations and ADL of the user, in order. */
  readonly callEvents: number[] = []
  readonly liquidationEvents: number[] = []
  readonly adlEvents: number[] = []
  /** Loss tallies (USD). */
  fees = 0
  slippage = 0
  profitLostToAdl = 0
  /** Insurance top-ups of a negative balance. */
  topUps = 0
  readonly adlRecords: { eventId: number; t: string; position: string; qty: number; price: number; profitLost: number }[] = []

  constructor(ctx: RunContext, book: Book | null, pegs: Record<string, Peg>) {
    super(ctx, book, pegs)
    this.callRatio = marginCallRatio(this.mode, ctx.rules)
  }

  measure(): UserFigures {
    return measureAccount(this)
  }

  /**
   * One look at the account in a round: margin call and liquidation of the exchange account, then
   * the DeFi positions. Returns true when it traded (the round must repeat).
   */
  check(): boolean {
    if (!this.hasAnything) return false
    let acted = false
    if (this.positions.some((p) => p.open) || this.loans.size > 0) acted = checkExchange(this) || acted
    for (const l of this.lending) acted = checkLending(this, l) || acted
    return acted
  }

  /** The method's score of a user position (metrics-report.ts `rankAdl` inputs, float). */
  adlScore(p: UserPosition, fig?: ScoreInputs): number {
    return adlScore(this, p, fig)
  }

  /** Open user positions on (asset, side) in profit: members of that ADL queue. */
  adlMembers(asset: number, side: number): SpecialMember[] {
    return adlMembers(this, asset, side)
  }

  /** Lights of every open position, refreshed with the series. */
  updateLights(): void {
    updateLights(this)
  }

  /** The ADL event of a user position (the match is already booked by the waterfall). */
  recordAdl(mt: AdlMatch, price: number, mark: number, causes: number[]): number {
    return recordAdl(this, mt, price, mark, causes)
  }
}
