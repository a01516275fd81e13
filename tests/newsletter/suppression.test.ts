import { decideSuppression, predatesClearance } from '../../src/newsletter/suppression'

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 24 * 3_600_000).toISOString()

describe('the suppression rule', () => {
  it('when a message bounces hard, then the address is suppressed at once and not unsubscribed', () => {
    expect(decideSuppression([], { kind: 'hard-bounce', at: day(0) })).toEqual({ suppress: 'hard-bounce', unsubscribe: false, softBounces: [] })
  })

  it('when a reader complains, then the address is suppressed at once and unsubscribed', () => {
    expect(decideSuppression([], { kind: 'complaint', at: day(0) })).toMatchObject({ suppress: 'complaint', unsubscribe: true })
  })

  it('when a third soft bounce comes within 30 days, then the address is suppressed; the first two only count', () => {
    const first = decideSuppression([], { kind: 'soft-bounce', at: day(0) })
    const second = decideSuppression(first.softBounces, { kind: 'soft-bounce', at: day(10) })
    const third = decideSuppression(second.softBounces, { kind: 'soft-bounce', at: day(29) })

    expect([first.suppress, second.suppress]).toEqual([null, null])
    expect(second.softBounces).toEqual([day(0), day(10)])
    expect(third).toEqual({ suppress: 'soft-bounces', unsubscribe: false, softBounces: [day(0), day(10), day(29)] })
  })

  it('when the same soft bounce is reported again, then it counts once', () => {
    const first = decideSuppression([], { kind: 'soft-bounce', at: day(0) })
    const second = decideSuppression(first.softBounces, { kind: 'soft-bounce', at: day(5) })
    const again = decideSuppression(second.softBounces, { kind: 'soft-bounce', at: day(5) })

    expect(again).toEqual({ suppress: null, unsubscribe: false, softBounces: [day(0), day(5)] })
  })

  it('when soft bounces are spread over more than 30 days, then the old ones are forgotten and nothing is suppressed', () => {
    const decision = decideSuppression([day(0), day(10)], { kind: 'soft-bounce', at: day(31) })

    expect(decision).toEqual({ suppress: null, unsubscribe: false, softBounces: [day(10), day(31)] })
  })

  it('when the rule is set to 2 in 7 days, then it follows the setting', () => {
    expect(decideSuppression([day(0)], { kind: 'soft-bounce', at: day(6) }, { softBounceLimit: 2, softBounceWindowDays: 7 }).suppress).toBe('soft-bounces')
    expect(decideSuppression([day(0)], { kind: 'soft-bounce', at: day(8) }, { softBounceLimit: 2, softBounceWindowDays: 7 }).suppress).toBeNull()
  })

  it('when a problem happened before the suppression was last lifted, then it predates the clearance; one after it, or with nothing lifted, does not', () => {
    expect(predatesClearance({ kind: 'hard-bounce', at: day(0) }, day(1))).toBe(true)
    expect(predatesClearance({ kind: 'complaint', at: day(2) }, day(1))).toBe(false)
    expect(predatesClearance({ kind: 'soft-bounce', at: day(1) }, day(1))).toBe(false)
    expect(predatesClearance({ kind: 'hard-bounce', at: day(0) }, null)).toBe(false)
  })
})
