// Sizes the contract caps, dependency-free so the renderer can check before it sends.

/** A store file sent for a restore (or returned by a backup): 100 MB; larger stores use `cascade backup` / `cascade restore`. */
export const MAX_STORE_BYTES = 100 * 1024 * 1024

/** The most runs one `run:list` reply holds; a full page means there may be more after its last. */
export const RUN_LIST_PAGE = 200
