#!/usr/bin/env node
// Draws the app icon, resources/icon.png (512x512 RGBA), with nothing but node:zlib: a dark rounded
// square with five bars stepping down left to right from teal to red (a liquidation cascade) and the
// price line falling over them. electron-builder makes the .icns and .ico from this PNG.
// `node scripts/make-icon.mjs [out.png]`; the output is byte-for-byte the same on every run.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { deflateSync } from 'node:zlib'

export const SIZE = 512
const SS = 4 // supersamples per axis, for smooth edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** PNG bytes of an RGBA image (`rgba` has width*height*4 bytes). */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0 // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t)
const TEAL = [38, 198, 182]
const RED = [239, 68, 68]
const BG_TOP = [24, 30, 42]
const BG_BOTTOM = [11, 14, 19]

/** The colour (RGBA, 0-255) at a point of the icon in 0..SIZE coordinates. */
function shade(x, y) {
  // Rounded square with a margin, as the platforms' icon grids expect.
  const m = 24
  const r = 96
  const inside = (() => {
    if (x < m || y < m || x > SIZE - m || y > SIZE - m) return false
    const cx = Math.min(Math.max(x, m + r), SIZE - m - r)
    const cy = Math.min(Math.max(y, m + r), SIZE - m - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
  })()
  if (!inside) return [0, 0, 0, 0]
  let c = mix(BG_TOP, BG_BOTTOM, (y - m) / (SIZE - 2 * m))
  // Five bars stepping down: the cascade.
  const bars = 5
  const left = 92
  const width = 56
  const gap = 14
  const floor = 420
  for (let i = 0; i < bars; i++) {
    const x0 = left + i * (width + gap)
    const top = 120 + i * 52
    if (x >= x0 && x <= x0 + width && y >= top && y <= floor) {
      const bar = mix(TEAL, RED, i / (bars - 1))
      c = mix(bar, [255, 255, 255], Math.max(0, (top + 18 - y) / 18) * 0.35) // a lit top edge
    }
  }
  // The price line falling across the tops, drawn over the bars.
  const lineY = (px) => 96 + ((px - 80) / (432 - 80)) ** 1.6 * 250
  if (x >= 80 && x <= 432 && Math.abs(y - lineY(x)) <= 7) c = [245, 247, 250]
  return [...c, 255]
}

export function drawIcon() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4)
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0]
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          const [r, g, b, a] = shade(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)
          acc[0] += r * a
          acc[1] += g * a
          acc[2] += b * a
          acc[3] += a
        }
      const o = (y * SIZE + x) * 4
      const alpha = acc[3] / (SS * SS)
      rgba[o] = acc[3] ? Math.round(acc[0] / acc[3]) : 0
      rgba[o + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0
      rgba[o + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0
      rgba[o + 3] = Math.round(alpha)
    }
  return encodePng(SIZE, SIZE, rgba)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../resources/icon.png')
  writeFileSync(out, drawIcon())
  console.log(`wrote ${out} (${SIZE}x${SIZE})`)
}
