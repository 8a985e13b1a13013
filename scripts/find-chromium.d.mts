export declare const SYSTEM_CHROMIUM_PATHS: string[]
export interface FoundChromium {
  path: string
  source: 'CHROMIUM_PATH' | 'system'
}
export declare function findSystemChromium(opts?: {
  env?: Record<string, string | undefined>
  exists?: (path: string) => boolean
  candidates?: string[]
}): FoundChromium | null
