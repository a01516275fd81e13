import { doiProblem, doiUrl, identifierField, identifierProblems, pmidProblem, pubmedUrl } from '../../src/content/referenceIdentifiers'

describe('DOI and PubMed id of a reference', () => {
  it('when a DOI is well formed, then it passes, dotted registrants and odd suffixes included', () => {
    for (const doi of ['10.1056/NEJMoa2034577', '10.1000.10/abc', '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0']) {
      expect({ doi, problem: doiProblem(doi) }).toEqual({ doi, problem: null })
    }
  })

  it('when a DOI is pasted as its web address or with "doi:", then the message gives the DOI to enter instead', () => {
    expect(doiProblem('https://doi.org/10.1056/NEJMoa2034577')).toBe(
      'Enter the DOI without the web address in front: "10.1056/NEJMoa2034577" rather than "https://doi.org/10.1056/NEJMoa2034577".',
    )
    expect(doiProblem('doi: 10.1056/NEJMoa2034577')).toBe('Enter the DOI without "doi:" in front: "10.1056/NEJMoa2034577".')
  })

  it('when a DOI lacks its prefix, its slash or has a space, then the message says which', () => {
    expect(doiProblem('1056/NEJMoa2034577')).toMatch(/starts with "10\."/)
    expect(doiProblem('10.1056NEJMoa2034577')).toMatch(/has a "\/" between its prefix and the item/)
    expect(doiProblem('10.1056/NEJM oa2034577')).toMatch(/has no spaces/)
    expect(doiProblem('10.12/x')).toMatch(/4 to 9 digits/)
  })

  it('when a PubMed id is digits, then it passes; with "PMID", an address or letters, then the message says what to enter', () => {
    expect(pmidProblem('33301246')).toBeNull()
    expect(pmidProblem('PMID: 33301246')).toBe('Enter the PubMed id as digits only, without "PMID": "33301246".')
    expect(pmidProblem('https://pubmed.ncbi.nlm.nih.gov/33301246/')).toMatch(/not the page's address/)
    expect(pmidProblem('0123')).toMatch(/not starting with 0/)
    expect(pmidProblem('3330124x')).toMatch(/"3330124x" is not/)
  })

  it('when identifiers are linked, then the DOI keeps its slashes and escapes what an address cannot hold', () => {
    expect(doiUrl('10.1056/NEJMoa2034577')).toBe('https://doi.org/10.1056/NEJMoa2034577')
    expect(doiUrl('10.1002/(SICI)1097<693>#x')).toBe('https://doi.org/10.1002/(SICI)1097%3C693%3E%23x')
    expect(pubmedUrl(' 33301246 ')).toBe('https://pubmed.ncbi.nlm.nih.gov/33301246/')
  })

  it('when a field is left empty, then it is valid; when filled wrongly, then the validator answers the problem', () => {
    const validate = identifierField(pmidProblem)
    expect(validate(undefined)).toBe(true)
    expect(validate('  ')).toBe(true)
    expect(validate('abc')).toMatch(/is not/)
  })

  it('when the references of an article are checked, then each malformed identifier is named by its field path and empty ones pass', () => {
    const problems = identifierProblems([{ citation: 'a', doi: 'x/1', pmid: '' }, { citation: 'b', pmid: '33301246' }, { citation: 'c', pmid: 'n/a' }])
    expect(problems.map((problem) => problem.path)).toEqual(['references.0.doi', 'references.2.pmid'])
    expect(identifierProblems(undefined)).toEqual([])
  })
})
