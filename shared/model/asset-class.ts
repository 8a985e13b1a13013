// Classes of assets a crash preset gives a path for, so a book holding an asset the preset does not
// name still runs under it: the asset follows its class's path from the book's own mark
// (docs/MODEL.md §1.1). A book or a venue profile says which class an asset is in.

export const ASSET_CLASSES = ['large-cap-alt', 'small-cap-alt', 'usd-stable', 'eth-staking', 'sol-staking'] as const
export type AssetClass = (typeof ASSET_CLASSES)[number]

/**
 * How a preset moves a class: `like` an asset it prices (its shock path, depth, impact model and
 * maker withdrawal), or `peg`ged to an asset (or USD) at the ratio the book's marks give.
 */
export type ClassSpec = { like: string } | { peg: string }
