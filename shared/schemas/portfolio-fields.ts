// Field shapes of `cascade.portfolio/1` that both the zod schema (portfolio.ts) and its fast path
// (portfolio-fast-path.ts) check, kept in one place so the two cannot drift.

/** Asset tickers as venues print them: BTC, USDT, USDe, 1000PEPE. */
export const ASSET_PATTERN = /^[A-Za-z0-9]{1,20}$/
/** Contract symbols: BTCUSDT, 1000PEPEUSDT. */
export const SYMBOL_PATTERN = /^[A-Z0-9]{2,30}$/

/** Generous ceilings: a book is edited by hand or exported from a venue, never millions of rows. */
export const LIMITS = { positions: 5000, walletAssets: 500, loans: 500, defi: 200, loops: 200, prices: 2000 } as const
