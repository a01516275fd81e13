import { slugFromTitle, slugIssue, slugProblem } from '../../src/content/slug'

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
    expect(slugIssue('')).toMatchObject({ code: 'SLUG_REQUIRED', message: expect.stringMatching(/required/) })
    expect(slugIssue('a'.repeat(97))).toMatchObject({ code: 'SLUG_TOO_LONG', message: expect.stringMatching(/97 characters long; at most 96/) })
  })

  it('when the slug holds unsafe characters, then the refusal carries the code SLUG_UNSAFE_CHARACTERS', () => {
    expect(slugIssue('bone/metastases')?.code).toBe('SLUG_UNSAFE_CHARACTERS')
  })

  it.each(['con', 'prn', 'aux', 'nul', 'com1', 'com9', 'lpt1', 'lpt9', 'CON', 'Nul', 'con.txt', 'lpt3.json'])(
    'when the slug is the device name %j, then it is refused with SLUG_DEVICE_NAME, a message saying why and how to fix it',
    (slug) => {
      const issue = slugIssue(slug)
      expect(issue?.code).toBe('SLUG_DEVICE_NAME')
      expect(issue?.message).toContain('device name on Windows file systems')
      expect(issue?.message).toMatch(/Add a word, such as "[a-z0-9]+-guide"/)
    },
  )

  it.each(['console', 'com10', 'com0', 'lpt', 'aux-care', 'null', 'con-guide'])('when the slug %j only looks like a device name, then it is accepted', (slug) => {
    expect(slugProblem(slug)).toBeNull()
  })

  it('when a title has punctuation and accents, then its slug keeps only the safe alphabet', () => {
    expect(slugFromTitle('What Are Bone Metastases?')).toBe('what-are-bone-metastases')
    expect(slugFromTitle('  Café — Crème  ')).toBe('cafe-creme')
  })
})
