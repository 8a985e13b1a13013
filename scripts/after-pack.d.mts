import type { FuseV1Options, FuseVersion } from '@electron/fuses'
export declare const FUSES: { version: FuseVersion; strictlyRequireAllFuses: boolean } & Partial<Record<FuseV1Options, boolean>>
export interface AfterPackContext {
  appOutDir: string
  electronPlatformName: string
  arch: number
  packager: { appInfo: { productFilename: string }; executableName: string }
}
export declare function electronBinaryPath(context: AfterPackContext): string
export default function afterPack(context: AfterPackContext): Promise<void>
