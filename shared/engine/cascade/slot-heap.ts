// A binary min-heap of (key, slot) with ties broken by slot: the pending triggers of legs that a
// partial liquidation re-armed and of shorts opened during the run. A liquidation index (a sorted
// array with a cursor) cannot take new entries, so these live here, O(log n) per change.

export class SlotHeap {
  private keys = new Float64Array(64)
  private slots = new Int32Array(64)
  size = 0

  push(slot: number, key: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2)
      k.set(this.keys)
      this.keys = k
      const s = new Int32Array(this.size * 2)
      s.set(this.slots)
      this.slots = s
    }
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(key, slot, this.keys[parent], this.slots[parent])) break
      this.keys[i] = this.keys[parent]
      this.slots[i] = this.slots[parent]
      i = parent
    }
    this.keys[i] = key
    this.slots[i] = slot
  }

  topKey(): number {
    return this.size > 0 ? this.keys[0] : Infinity
  }

  pop(): number {
    const top = this.slots[0]
    const n = --this.size
    if (n > 0) {
      const key = this.keys[n]
      const slot = this.slots[n]
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        if (child + 1 < n && this.less(this.keys[child + 1], this.slots[child + 1], this.keys[child], this.slots[child])) child++
        if (!this.less(this.keys[child], this.slots[child], key, slot)) break
        this.keys[i] = this.keys[child]
        this.slots[i] = this.slots[child]
        i = child
      }
      this.keys[i] = key
      this.slots[i] = slot
    }
    return top
  }

  private less(ka: number, sa: number, kb: number, sb: number): boolean {
    return ka < kb || (ka === kb && sa < sb)
  }
}
