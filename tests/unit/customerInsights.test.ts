import { describe, expect, it } from 'vitest'
import { hintsOf, rfmOf, tierOf } from '../../src/shared/domain/customerInsights'

const DAY = 86_400_000
const now = Date.UTC(2026, 10, 23)
const buy = (daysAgo: number, cny: number) => ({ at: now - daysAgo * DAY, amountCents: cny * 100 })

describe('tier and RFM', () => {
  it('makes a customer core at 5,000 CNY within a year, not counting older purchases', () => {
    expect(tierOf([buy(10, 3000), buy(200, 2000)], now)).toBe('core')
    expect(tierOf([buy(10, 3000), buy(400, 9000)], now)).toBe('potential')
    expect(tierOf([buy(10, 999)], now)).toBe('basic')
  })

  it('segments by recency and spend, with the figures as the reason', () => {
    expect(rfmOf([buy(12, 8200), buy(40, 100)], now)).toMatchObject({
      segment: 'core_value',
      reason: { recencyDays: 12, orders: 2, spend: 8300 },
    })
    expect(rfmOf([buy(30, 800)], now).segment).toBe('potential')
    expect(rfmOf([buy(200, 9000)], now).segment).toBe('churn_risk')
    expect(rfmOf([], now)).toMatchObject({ segment: 'none', recencyDays: null })
  })
})

describe('hints', () => {
  const rfm = rfmOf([buy(30, 800)], now)
  it('flags the birthday month, a warranty ending within 30 days, a recent complaint and churn risk', () => {
    const hints = hintsOf({
      birthday: '1990-11-05',
      purchases: [
        { ...buy(350, 3299), product: 'KFR-35GW 变频挂机' },
        { ...buy(100, 699), product: '小家电' },
      ],
      complaints: [{ at: now - 3 * DAY, open: false }],
      rfm: rfmOf([buy(200, 100)], now),
      now,
    })
    expect(hints.map((h) => h.kind)).toEqual(['birthday', 'warranty_due', 'recent_complaint', 'churn_risk'])
    expect(hints[1]!.detail).toContain('KFR-35GW')
  })
  it('says nothing when nothing applies', () => {
    expect(
      hintsOf({ birthday: '1990-03-05', purchases: [], complaints: [{ at: now - 90 * DAY, open: false }], rfm, now }),
    ).toEqual([])
  })
})
