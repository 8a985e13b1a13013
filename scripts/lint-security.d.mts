export interface Finding {
  id: string
  severity: string
  confidence: string
  file: string
  line: number
  sample: string
  description: string
}
export interface AllowEntry {
  id: string
  file: string
  sample?: string
  reason: string
}
export interface Verdict {
  allowed: (Finding & { reason: string })[]
  failing: Finding[]
  noted: Finding[]
  stale: AllowEntry[]
}
export declare const SCANNED: string[]
export declare const OFFLINE_EXCLUDED: string[]
export declare const FAILING_SEVERITIES: string[]
export declare function judge(findings: Finding[], allowlist: AllowEntry[]): Verdict
export declare function lintSecurity(opts?: { root?: string; allowlistPath?: string; log?: (line: string) => void }): Promise<
  Verdict & { ok: boolean; errors: { file: string; message: string; tolerable: boolean }[] }
>
