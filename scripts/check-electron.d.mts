interface Io {
  env?: Record<string, string | undefined>
  electronDir: string
  exists?: (path: string) => boolean
  read?: (path: string) => string
}
export declare function electronBinary(opts: Io): string | null
export declare function installFailureReason(output: string): string
export declare function missingElectronMessage(reason: string): string[]
export declare function checkElectron(
  opts: Io & { install: () => { status: number; output: string }; log?: (line: string) => void },
): { ok: true; binary: string } | { ok: false; lines: string[] }
