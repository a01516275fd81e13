import { yearsOfExperience } from '../../src/content/experience'

describe('years of experience', () => {
  it('when a doctor began in 2016, then on 2025-07-03 they show 9 years and a year later 10', () => {
    expect(yearsOfExperience(2016, new Date('2025-07-03T00:00:00Z'))).toBe(9)
    expect(yearsOfExperience(2016, new Date('2026-07-03T00:00:00Z'))).toBe(10)
  })

  it('when the year lies in the future, then the years are never negative', () => {
    expect(yearsOfExperience(2030, new Date('2025-01-01T00:00:00Z'))).toBe(0)
  })
})
