// Saving a run's report: asked for in the app's language, saved as HTML text or PDF bytes, the
// input hash kept; a refusal (no printer outside the desktop app) shown against that run.
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, ok } from '../../../shared/ipc/result'
import { setCascadeApi } from '../../../renderer/src/api'
import { i18n } from '../../../renderer/src/i18n'
import { useReportsStore } from '../../../renderer/src/stores/reports'
import { fakeApi, type FakeApi } from './fake-api'

const saved = vi.hoisted(() => ({ text: [] as Array<[string, string, string]>, bytes: [] as Array<[string, Uint8Array, string]> }))
vi.mock('../../../renderer/src/composables/download', () => ({
  downloadText: (name: string, text: string, type: string) => saved.text.push([name, text, type]),
  downloadBytes: (name: string, bytes: Uint8Array, type: string) => saved.bytes.push([name, bytes, type]),
}))

let fake: FakeApi
beforeEach(() => {
  setActivePinia(createPinia())
  fake = fakeApi()
  setCascadeApi(fake.api)
  saved.text.length = 0
  saved.bytes.length = 0
  i18n.global.locale.value = 'en'
})
afterEach(() => setCascadeApi(null))

describe('reports', () => {
  it('saves the HTML page in the app language, and the PDF as bytes', async () => {
    const reports = useReportsStore()
    fake.handle('run:report', ({ format }) =>
      ok(format === 'html' ? { format: 'html', fileName: 'r.report.html', text: '<!doctype html>', inputHash: 'ab' } : { format: 'pdf', fileName: 'r.report.pdf', base64: 'JVBERg==', inputHash: 'ab' }),
    )
    i18n.global.locale.value = 'ja'
    expect(await reports.save('r1', 'html')).toBe(true)
    expect(fake.callsOf('run:report')).toEqual([{ id: 'r1', format: 'html', lang: 'ja' }])
    expect(saved.text).toEqual([['r.report.html', '<!doctype html>', 'text/html']])
    expect(await reports.save('r1', 'pdf')).toBe(true)
    expect(saved.bytes[0][0]).toBe('r.report.pdf')
    expect(Array.from(saved.bytes[0][1])).toEqual([0x25, 0x50, 0x44, 0x46])
    expect(reports.lastHash.r1).toBe('ab')
  })

  it('shows a refusal against the run it is about', async () => {
    const reports = useReportsStore()
    fake.handle('run:report', () => fail('refused', 'A PDF is printed by the desktop app'))
    expect(await reports.save('r2', 'pdf')).toBe(false)
    expect(reports.errorId).toBe('r2')
    expect(reports.error).toBe('Report not saved: A PDF is printed by the desktop app')
    reports.dismiss()
    expect(reports.error).toBeNull()
  })
})
