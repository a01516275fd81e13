import { laneOfInput, laneShare, lanesFor, SINGLE_LANE } from '../../src/newsletter/lanes'

describe('lanes of a send', () => {
  it('when a pool is split between lanes, then the shares add up to the pool, differ by at most one, and none is empty', () => {
    for (const pool of [1, 2, 5, 7, 10]) {
      for (let of = 1; of <= pool; of += 1) {
        const shares = Array.from({ length: of }, (_, index) => laneShare(pool, { index, of }))
        expect(shares.reduce((sum, share) => sum + share, 0)).toBe(pool)
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1)
        expect(Math.min(...shares)).toBeGreaterThanOrEqual(1)
      }
    }
    expect([laneShare(5, { index: 0, of: 2 }), laneShare(5, { index: 1, of: 2 })]).toEqual([3, 2])
    expect(laneShare(5, SINGLE_LANE)).toBe(5)
  })

  it('when a send is small, then it has one lane; when more than a page is still to add or send, then the configured lanes, never more than the pool', () => {
    const size = { configured: 2, pool: 5, pageSize: 1000 }
    expect(lanesFor({ ...size, preparing: false, waiting: 1000 })).toBe(1)
    expect(lanesFor({ ...size, preparing: false, waiting: 1001 })).toBe(2)
    expect(lanesFor({ ...size, preparing: true, waiting: 10 })).toBe(2)
    expect(lanesFor({ ...size, configured: 8, preparing: true, waiting: 10 })).toBe(5)
    expect(lanesFor({ ...size, configured: 1, preparing: true, waiting: 50_000 })).toBe(1)
  })

  it('when a send job names a lane, then that lane is worked; a job without one, or with a lane that cannot be, works the whole send', () => {
    expect(laneOfInput({ lane: 1, lanes: 2 })).toEqual({ index: 1, of: 2 })
    expect(laneOfInput({ lane: '0', lanes: '3' })).toEqual({ index: 0, of: 3 })
    expect(laneOfInput({})).toEqual(SINGLE_LANE)
    expect(laneOfInput({ lane: 2, lanes: 2 })).toEqual(SINGLE_LANE)
    expect(laneOfInput({ lane: -1, lanes: 2 })).toEqual(SINGLE_LANE)
    expect(laneOfInput({ lane: 0, lanes: 1 })).toEqual(SINGLE_LANE)
  })
})
