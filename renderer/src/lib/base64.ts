// Bytes <-> base64 in the renderer (no Node Buffer there): a store backup arrives as base64 and is
// saved as a download; a backup the user chose is sent for a restore as base64.

const CHUNK = 0x8000

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // In chunks: String.fromCharCode(...all) would overflow the call stack on a large file.
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(binary)
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}
