// Sizes the contract caps, dependency-free so the renderer can check before it sends.

/** A store file sent for a restore (or returned by a backup): 100 MB; larger stores use `cascade backup` / `cascade restore`. */
export const MAX_STORE_BYTES = 100 * 1024 * 1024
