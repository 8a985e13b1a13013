export declare const BUILT: string
export declare const SOURCE: string
export declare const SOURCE_DIRS: string[]
export declare function newestMtime(
  root: string,
  dirs: string[],
  io?: { readdir?: (dir: string) => Array<{ name: string; isDirectory(): boolean }>; mtime?: (file: string) => number },
): number
export declare function pickEntry(opts?: {
  root?: string
  env?: Record<string, string | undefined>
  exists?: (path: string) => boolean
  mtime?: (file: string) => number
  newestSource?: () => number
}): 'built' | 'source'
