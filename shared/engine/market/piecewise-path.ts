// A time path through points, linearly interpolated, held flat outside its first and last
// point: shocks, depegs and maker-withdrawal schedules (docs/FORMATS.md §4). A run asks for
// times that only move forward, so a cursor makes each lookup O(1) amortised.

/** Plain data of a path: times in seconds since the scenario start, increasing. */
export interface PathData {
  times: ArrayLike<number>
  values: ArrayLike<number>
}

export class PiecewiseLinearPath {
  private readonly times: Float64Array
  private readonly values: Float64Array
  private cursor = 0

  constructor(data: PathData) {
    if (data.times.length !== data.values.length) throw new RangeError('path times and values differ in length')
    if (data.times.length === 0) throw new RangeError('a path needs at least one point')
    this.times = Float64Array.from(data.times)
    this.values = Float64Array.from(data.values)
    for (let i = 1; i < this.times.length; i++) {
      if (!(this.times[i] > this.times[i - 1])) throw new RangeError('path times must increase')
    }
  }

  static constant(value: number): PiecewiseLinearPath {
    return new PiecewiseLinearPath({ times: [0], values: [value] })
  }

  /** Value at `t`; any order of queries works, forward ones are the fast case. */
  at(t: number): number {
    const times = this.times
    const last = times.length - 1
    if (t <= times[0]) return this.values[0]
    if (t >= times[last]) return this.values[last]
    let i = this.cursor
    if (times[i] > t) i = 0
    while (times[i + 1] <= t) i++
    this.cursor = i
    const w = (t - times[i]) / (times[i + 1] - times[i])
    return this.values[i] + w * (this.values[i + 1] - this.values[i])
  }
}
