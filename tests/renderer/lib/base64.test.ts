import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64 } from '../../../renderer/src/lib/base64'

describe('base64 in the renderer', () => {
  it('round-trips every byte value and agrees with Node, also past one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256)
    const text = bytesToBase64(bytes)
    expect(text).toBe(Buffer.from(bytes).toString('base64'))
    expect(base64ToBytes(text)).toEqual(bytes)
    expect(bytesToBase64(new Uint8Array())).toBe('')
  })
})
