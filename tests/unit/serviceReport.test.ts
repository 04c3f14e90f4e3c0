import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  reportHashInput,
  SignaturePng,
  signatureBytes,
  type ReportContent,
} from '../../src/shared/workOrders/serviceReport'

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const content: ReportContent = {
  workOrderId: 'wo-1',
  version: 1,
  workDone: '更换电容',
  parts: [{ name: '电容', quantity: 1 }],
  signerName: '李女士',
  signedAt: 1_790_000_000_000,
  signedBy: { id: 'u-desk01', name: '陈静' },
  order: {
    serviceCode: 'ABCD2345',
    customerId: 'c-1',
    customerName: '李秀英',
    storeId: 'st-01',
    type: '维修',
    title: '空调',
  },
}

describe('service report hashing and signature checks', () => {
  it('writes the same canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 'x' }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 'x', f: 1 }] }, b: 1 }),
    )
    expect(canonicalJson({ b: 1, a: '说' })).toBe('{"a":"说","b":1}')
  })

  it('hashes the content, a newline, then the signature bytes; extra fields are not part of it', () => {
    const bytes = signatureBytes(PNG)
    const input = reportHashInput(content, bytes)
    const text = new TextDecoder().decode(input.subarray(0, input.length - bytes.length))
    expect(text).toBe(canonicalJson(content) + '\n')
    expect([...input.subarray(-bytes.length)]).toEqual([...bytes])
    const withExtra = { ...content, hash: 'x', verified: true } as ReportContent
    expect(reportHashInput(withExtra, bytes)).toEqual(input)
  })

  it('takes a real PNG and says why it refuses anything else', () => {
    expect(SignaturePng.safeParse(PNG).success).toBe(true)
    const message = (value: string) => SignaturePng.safeParse(value).error?.issues[0]?.message
    expect(message('data:image/jpeg;base64,/9j/4AAQ')).toBe('is not a data:image/png;base64 URL')
    expect(message(`data:image/png;base64,${btoa('not a png, just some text here to be long enough')}`)).toBe(
      'is not a PNG image',
    )
    expect(message(`data:image/png;base64,${'A'.repeat(280_000)}`)).toBe('is larger than 200 KB')
  })
})
