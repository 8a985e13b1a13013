// The what-if axes' grammar (docs/DECISIONS.md §1): names, values, ranges, and errors that name
// the axis as a field path (`set.shock:BTC`), the same from the CLI and IPC.
import { describe, expect, it } from 'vitest'
import { canonicalSet, parseAssignments, parseAxis, parseRange, validateSet } from '../../../../shared/engine/whatif'

describe('what-if axes', () => {
  it('reads each axis, with its asset where it takes one', () => {
    expect(parseAxis('shock:BTC')).toEqual({ ok: true, value: { kind: 'shock', asset: 'BTC', name: 'shock:BTC' } })
    expect(parseAxis('fund')).toEqual({ ok: true, value: { kind: 'fund', name: 'fund' } })
    expect(parseAxis('fund:BTC')).toMatchObject({ ok: false, issues: [{ path: 'set.fund:BTC', message: expect.stringContaining('takes no asset') }] })
    expect(parseAxis('shock')).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('names an asset') }] })
    expect(parseAxis('shock:BT-C')).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('not an asset ticker') }] })
    expect(parseAxis('drop:BTC')).toMatchObject({ ok: false, issues: [{ path: 'set.drop:BTC', message: expect.stringContaining('unknown axis') }] })
  })

  it('keeps values as canonical decimal text, and refuses values out of range with the axis path', () => {
    expect(parseAssignments(['fund=2e8', 'shock:BTC=-0.150', 'collateral:USDT=1000000'])).toEqual({ ok: true, value: { 'shock:BTC': '-0.15', fund: '200000000', 'collateral:USDT': '1000000' } })
    const bad = parseAssignments(['shock:BTC=-1', 'depeg:USDe=1', 'withdrawal=1', 'fund=-5', 'collateral:USDT=abc', 'scale=NaN', 'nothing'])
    expect(bad.ok).toBe(false)
    const paths = !bad.ok ? bad.issues.map((i) => i.path) : []
    expect(paths).toEqual(['set', 'set.shock:BTC', 'set.depeg:USDe', 'set.withdrawal', 'set.fund', 'set.collateral:USDT', 'set.scale'])
    expect(!bad.ok && bad.issues[1].message).toMatch(/must be above -1 to 10, got -1/)
    expect(!bad.ok && bad.issues[2].message).toMatch(/from 0 to below 1, got 1/)
  })

  it('refuses an axis given twice, and takes numbers from a request', () => {
    expect(parseAssignments(['fund=1', 'fund=2'])).toMatchObject({ ok: false, issues: [{ path: 'set.fund', message: 'axis fund is given twice' }] })
    expect(validateSet({ fund: 5, 'shock:ETH': '-0.2' })).toEqual({ ok: true, value: { 'shock:ETH': '-0.2', fund: '5' } })
    expect(validateSet({ fund: { x: 1 } })).toMatchObject({ ok: false, issues: [{ path: 'set.fund' }] })
    expect(validateSet(JSON.parse('{"__proto__": "1"}'))).toMatchObject({ ok: false, issues: [{ path: 'set.__proto__' }] })
  })

  it('orders a set by axis kind, then by name, whatever the order given', () => {
    expect(Object.keys(canonicalSet({ 'collateral:USDT': '1', fund: '2', 'shock:ETH': '3', scale: '2', 'shock:BTC': '4', withdrawal: '0.5' }))).toEqual(['scale', 'shock:BTC', 'shock:ETH', 'withdrawal', 'fund', 'collateral:USDT'])
  })

  it('spaces N values from FROM to TO inclusive, each printed short', () => {
    expect(parseRange('shock:BTC=-0.3:0:4', 'x')).toEqual({ ok: true, value: { axis: { kind: 'shock', asset: 'BTC', name: 'shock:BTC' }, values: ['-0.3', '-0.2', '-0.1', '0'] } })
    expect(parseRange('withdrawal=0:1:4', 'x')).toMatchObject({ ok: false, issues: [{ path: 'x', message: expect.stringContaining('from 0 to 0.999') }] })
    expect(parseRange('fund=0:1e6:3', 'y')).toMatchObject({ ok: true, value: { values: ['0', '500000', '1000000'] } })
    expect(parseRange('fund=0:1:3', 'y')).toMatchObject({ ok: true, value: { values: ['0', '0.5', '1'] } })
    expect(parseRange('scale=0:1:3', 'y').ok && (parseRange('scale=0:1:7', 'y') as { value: { values: string[] } }).value.values[1]).toBe('0.166666666667')
    expect(parseRange('fund=0:1', 'y')).toMatchObject({ ok: false, issues: [{ path: 'y', message: expect.stringContaining('FROM:TO:N') }] })
    expect(parseRange('fund=1:1:3', 'y')).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('two different ends') }] })
    expect(parseRange('fund=0:1:257', 'y')).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('from 1 to 256') }] })
  })
})
