// Window security policy as plain data and functions, so it is testable without Electron:
// the CSP, which URLs may be opened outside the app, and what counts as our own page.

/** Strict CSP for the renderer; dev adds the Vite server's websocket for hot reload. */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const connect = devServerUrl ? `'self' ${devServerUrl} ${devServerUrl.replace(/^http/, 'ws')}` : "'self'"
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The only places the app links out to: venue rule pages cited in profiles. */
export const EXTERNAL_ALLOWLIST: readonly string[] = [
  'https://www.binance.com/',
  'https://www.bybit.com/',
  'https://www.okx.com/',
  'https://hyperliquid.gitbook.io/',
  'https://aave.com/',
  'https://docs.ethena.fi/',
]

/** True when `url` is https and under one of the allow-listed prefixes. */
export function isAllowedExternal(url: string, allowlist: readonly string[] = EXTERNAL_ALLOWLIST): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false
  return allowlist.some((prefix) => parsed.href.startsWith(prefix))
}
