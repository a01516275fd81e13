import { isoWeek, lastClosedWindow, windowContaining } from '../../src/newsletter/digestWindows'
import { frequenciesForUpdate } from '../../src/newsletter/vocabulary'

const at = (iso: string) => new Date(iso)
const span = (window: { key: string; start: Date; end: Date }) => [window.key, window.start.toISOString(), window.end.toISOString()]

describe('digest windows', () => {
  it.each([
    ['2026-12-03T12:00:00Z', 2026, 49],
    ['2026-12-31T23:59:59Z', 2026, 53],
    ['2027-01-03T10:00:00Z', 2026, 53],
    ['2027-01-04T00:00:00Z', 2027, 1],
    ['2024-12-30T00:00:00Z', 2025, 1],
    ['2021-01-03T00:00:00Z', 2020, 53],
  ])('when the instant is %s, then its ISO week is %i-W%i', (instant, year, week) => {
    expect(isoWeek(at(instant))).toEqual({ year, week })
  })

  it('when an instant falls on a Thursday, then its week runs from Monday 00:00 UTC to the next Monday 00:00 UTC', () => {
    expect(span(windowContaining('weekly', at('2026-12-03T12:00:00Z')))).toEqual(['weekly:2026-W49', '2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'])
  })

  it('when an instant is a Sunday just before midnight or a Monday at midnight, then it falls in the week that ends or the week that starts', () => {
    expect(windowContaining('weekly', at('2026-12-06T23:59:59.999Z')).key).toBe('weekly:2026-W49')
    expect(windowContaining('weekly', at('2026-12-07T00:00:00.000Z')).key).toBe('weekly:2026-W50')
  })

  it('when the week spans two years, then it is keyed by its ISO year', () => {
    expect(span(windowContaining('weekly', at('2027-01-01T08:00:00Z')))).toEqual(['weekly:2026-W53', '2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z'])
  })

  it('when an instant falls in a month, then its window is that calendar month in UTC, December included', () => {
    expect(span(windowContaining('monthly', at('2026-12-15T00:00:00Z')))).toEqual(['monthly:2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'])
    expect(span(windowContaining('monthly', at('2028-02-29T23:00:00Z')))).toEqual(['monthly:2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'])
  })

  it('when a digest runs, then it covers the last window that has ended', () => {
    expect(lastClosedWindow('weekly', at('2026-12-07T06:00:00Z')).key).toBe('weekly:2026-W49')
    expect(lastClosedWindow('weekly', at('2026-12-04T12:25:00Z')).key).toBe('weekly:2026-W48')
    expect(lastClosedWindow('monthly', at('2027-01-01T06:00:00Z')).key).toBe('monthly:2026-12')
    expect(lastClosedWindow('monthly', at('2026-03-31T23:59:59Z')).key).toBe('monthly:2026-02')
  })
})

describe('who gets a single update email', () => {
  it('when an update is clinical, then every-update and clinical-only subscribers get it; when editorial, only every-update ones', () => {
    expect(frequenciesForUpdate('clinical')).toEqual(['every-update', 'clinical-only'])
    expect(frequenciesForUpdate('editorial')).toEqual(['every-update'])
  })
})
