import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

/**
 * The identifiers a reference may carry besides its citation: a DOI and a PubMed id. They are
 * checked by their form only, as they are saved: an editor's machine may be offline, and a
 * resolver's answer would make a save depend on someone else's server.
 */

/**
 * A DOI is "10.", a registrant code of digits (with optional dotted parts), "/", then the item's
 * own suffix, which may hold almost any character but no space.
 */
const DOI = /^10\.\d{4,9}(\.\d+)*\/\S+$/

/** PubMed ids are positive whole numbers; the largest today has eight digits. */
const PMID = /^[1-9]\d{0,8}$/

const DOI_EXAMPLE = '10.1056/NEJMoa2034577'
const PMID_EXAMPLE = '33301246'

/** What is wrong with a DOI as typed, in words an editor can act on; `null` when it is well formed. */
export function doiProblem(value: string): string | null {
  const doi = value.trim()
  if (/^(https?:\/\/)?(dx\.)?doi\.org\//i.test(doi)) {
    return `Enter the DOI without the web address in front: "${doi.replace(/^(https?:\/\/)?(dx\.)?doi\.org\//i, '')}" rather than "${doi}".`
  }
  if (/^doi:\s*/i.test(doi)) return `Enter the DOI without "doi:" in front: "${doi.replace(/^doi:\s*/i, '')}".`
  if (/\s/.test(doi)) return `A DOI has no spaces; check "${doi}" against the article's page (for example ${DOI_EXAMPLE}).`
  if (!doi.startsWith('10.')) return `A DOI starts with "10.", as in ${DOI_EXAMPLE}; "${doi}" does not.`
  if (!doi.includes('/')) return `A DOI has a "/" between its prefix and the item, as in ${DOI_EXAMPLE}; "${doi}" has none.`
  if (!DOI.test(doi)) return `"${doi}" is not a DOI: after "10." come 4 to 9 digits, then "/" and the item, as in ${DOI_EXAMPLE}.`
  return null
}

/** What is wrong with a PubMed id as typed; `null` when it is well formed. */
export function pmidProblem(value: string): string | null {
  const pmid = value.trim()
  if (/^pmid:?\s*/i.test(pmid)) return `Enter the PubMed id as digits only, without "PMID": "${pmid.replace(/^pmid:?\s*/i, '')}".`
  if (/^https?:\/\//i.test(pmid)) return `Enter the PubMed id, not the page's address: the digits at its end, as in ${PMID_EXAMPLE}.`
  if (!PMID.test(pmid)) return `A PubMed id is a number of up to nine digits not starting with 0, as in ${PMID_EXAMPLE}; "${pmid}" is not.`
  return null
}

/** The DOI's page at the DOI resolver; the suffix is encoded but its slashes kept, as the resolver shows them. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${encodeURIComponent(doi.trim()).replace(/%2F/gi, '/')}`
}

/** The PubMed record's page. */
export function pubmedUrl(pmid: string): string {
  return `https://pubmed.ncbi.nlm.nih.gov/${pmid.trim()}/`
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '')

/** A field validator from a problem finder: an empty value is fine, as both identifiers are optional. */
export const identifierField = (problem: (value: string) => string | null) => (value: unknown): true | string =>
  blank(value) ? true : (problem(String(value)) ?? true)

/** Every malformed DOI or PubMed id among an article's references, by field path. */
export function identifierProblems(references: unknown): { path: string; message: string }[] {
  if (!Array.isArray(references)) return []
  return references.flatMap((reference, index) => {
    const row = (reference ?? {}) as { doi?: unknown; pmid?: unknown }
    return (
      [
        ['doi', row.doi, doiProblem],
        ['pmid', row.pmid, pmidProblem],
      ] as const
    ).flatMap(([name, value, problem]) => {
      const message = blank(value) ? null : problem(String(value))
      return message ? [{ path: `references.${index}.${name}`, message }] : []
    })
  })
}

/**
 * Refuses a save, drafts included (Payload validates only what goes live), whose references carry a
 * malformed DOI or PubMed id: a wrong identifier found at review time is a review lost.
 */
export const refuseMalformedIdentifiers: CollectionBeforeValidateHook = ({ data, collection, req }) => {
  const errors = identifierProblems(data?.references)
  if (errors.length === 0) return data
  throw new ValidationError({ collection: collection.slug, errors, req })
}
