import { slugFromTitle, slugProblem } from '../../src/content/slug'

describe('slug rule', () => {
  it.each(['bone-metastases', 'a', 'covid-19-vaccines', 'x1-y2-z3'])('when the slug is "%s", then it is accepted', (slug) => {
    expect(slugProblem(slug)).toBeNull()
  })

  it.each([
    ['bone/metastases', 'a slash'],
    ['../etc/passwd', '".."'],
    ['bone metastases', 'a space'],
    ['Bone-Metastases', 'upper-case letters'],
    ['bone--metastases', 'characters outside the allowed set'],
    ['-bone', 'characters outside the allowed set'],
    ['bone\0', 'a NUL byte'],
    ['ब्लॉग', 'characters outside the allowed set'],
  ])('when the slug is %j, then the message names %s and what a slug may contain', (slug, named) => {
    const problem = slugProblem(slug)
    expect(problem).toContain(named)
    expect(problem).toContain('lower-case letters a–z, digits 0–9 and single hyphens')
  })

  it('when the slug is empty or too long, then it is refused', () => {
    expect(slugProblem('')).toMatch(/required/)
    expect(slugProblem('a'.repeat(97))).toMatch(/97 characters long; at most 96/)
  })

  it('when a title has punctuation and accents, then its slug keeps only the safe alphabet', () => {
    expect(slugFromTitle('What Are Bone Metastases?')).toBe('what-are-bone-metastases')
    expect(slugFromTitle('  Café — Crème  ')).toBe('cafe-creme')
  })
})
