export declare function installHint(opts?: { exists?: (path: string) => boolean }): string
export declare function failureReason(output: string): string
export type EnsureResult = { ok: true; browser: string } | { ok: false; message: string }
export declare function ensureBrowser(opts?: {
  env?: Record<string, string | undefined>
  exists?: (path: string) => boolean
  install?: () => { status: number; output: string }
  log?: (line: string) => void
}): EnsureResult
