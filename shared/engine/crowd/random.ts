// The one source of randomness of the simulation: xoshiro128** (Blackman & Vigna, 2018), seeded
// through splitmix32. Integer arithmetic only (Math.imul, shifts), so the same seed gives the
// same stream byte for byte on every JS engine; the float transforms built on it (log, cos in
// `normal`) are the engine's IEEE-754 fdlibm ports, identical across V8 builds (Node, Electron,
// Chromium). Independent streams per (seed, label) keep one cohort's draws unchanged when
// another cohort is added or resized.

/** splitmix32 step: a well-mixed 32-bit output from a 32-bit counter. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
  return (z ^ (z >>> 15)) >>> 0
}

/** FNV-1a over a label: a stable stream id for "BTCUSDT", "loopers", ... */
export function streamId(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const TWO_POW_26 = 67108864
const TWO_POW_53 = 9007199254740992

export class Random {
  private s0: number
  private s1: number
  private s2: number
  private s3: number
  private spare = Number.NaN

  /** A stream for `seed` (uint32) and an optional stream label/id. */
  constructor(seed: number, stream: number | string = 0) {
    const id = typeof stream === 'string' ? streamId(stream) : stream >>> 0
    let x = (seed >>> 0) ^ Math.imul(id, 0x85ebca6b)
    const next = () => {
      x = (x + 0x9e3779b9) | 0
      return splitmix32(x)
    }
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9)
    const t = s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return result >>> 0
  }

  /** Uniform on [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5
    const lo = this.nextUint32() >>> 6
    return (hi * TWO_POW_26 + lo) / TWO_POW_53
  }

  /** Uniform on (0, 1]: safe under a logarithm. */
  nextOpenFloat(): number {
    return 1 - this.nextFloat()
  }

  /** Standard normal by Box-Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare
      this.spare = Number.NaN
      return z
    }
    const r = Math.sqrt(-2 * Math.log(this.nextOpenFloat()))
    const theta = 2 * Math.PI * this.nextFloat()
    this.spare = r * Math.sin(theta)
    return r * Math.cos(theta)
  }

  /** Uniform integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1))
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}
