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

/**
 * Whether `url` is one of our own pages: the same scheme, host and port as a trusted base, and a
 * path under its folder, compared after parsing (so `http://localhost:5173.evil.example/` or
 * `app://cascade/../x` cannot pass as a string prefix would let them).
 */
export function isOwnPage(url: string, trustedBases: readonly string[]): boolean {
  let page: URL
  try {
    page = new URL(url)
  } catch {
    return false
  }
  if (page.username || page.password) return false
  return trustedBases.some((base) => {
    let b: URL
    try {
      b = new URL(base)
    } catch {
      return false
    }
    const folder = b.pathname.endsWith('/') ? b.pathname : b.pathname.replace(/[^/]*$/, '')
    return page.protocol === b.protocol && page.host === b.host && page.pathname.startsWith(folder)
  })
}
