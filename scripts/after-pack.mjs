// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is signed
// and wrapped (AppImage, deb, dmg, nsis), so the shipped app cannot be turned into a plain Node
// runtime or debugger, and loads only its own integrity-checked app.asar. docs/SECURITY.md, "Fuses".
import { join } from 'node:path'
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'

/** The fuse settings, as data (tests/packaging/electron-builder.test.ts reads them). */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: false,
  [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE cannot turn the app into node
  [FuseV1Options.EnableCookieEncryption]: true, // cookies encrypted at rest with the OS key store
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // NODE_OPTIONS is ignored
  [FuseV1Options.EnableNodeCliInspectArguments]: false, // --inspect and friends are ignored
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true, // app.asar checked against its hash (macOS, Windows)
  [FuseV1Options.OnlyLoadAppFromAsar]: true, // no app/ folder next to app.asar is loaded instead
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false, // file:// gets no extra privileges (the app uses app://)
}

/** The Electron executable inside an unpacked app folder, per platform. */
export function electronBinaryPath({ appOutDir, electronPlatformName, packager }) {
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName)
}

export default async function afterPack(context) {
  const binary = electronBinaryPath(context)
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: darwin && context.arch === 3 /* Arch.arm64 */ })
  console.log(`  • fuses set on ${binary}`)
}
