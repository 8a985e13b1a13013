// The renderer is served from `app://cascade/`, a privileged scheme of our own, not `file://`: a
// page of ours then has one origin (so IPC senders and navigations are checked against it), and a
// request can only ever read a file inside the built renderer folder.
import { extname, isAbsolute, relative, resolve } from 'node:path'

export const APP_SCHEME = 'app'
export const APP_HOST = 'cascade'
export const APP_BASE = `${APP_SCHEME}://${APP_HOST}/`

/** The file inside `root` that an `app://cascade/...` URL names, or null for anything else. */
export function appAssetPath(url: string, root: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) return null
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  return file
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

export const contentTypeOf = (file: string): string => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
