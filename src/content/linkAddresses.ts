import { APIError, type CollectionBeforeValidateHook } from 'payload'

/** Addresses a reader's browser may follow: the web, mail and phone, or a path on the same site. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:'])

/**
 * Whether a link address is one a reader may follow. Browsers ignore spaces and control characters
 * inside a scheme ("java\tscript:" runs), so they are taken out before the scheme is read.
 */
export function isSafeLinkAddress(address: string): boolean {
  const compact = address.replace(/[\u0000-\u0020\u007f]/g, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]
  if (!scheme) return true
  return SAFE_SCHEMES.has(`${scheme.toLowerCase()}:`)
}

export interface UnsafeAddress {
  path: string
  address: string
}

/** Every link address in a document (rich-text links, reference URLs) that a reader must not follow. */
export function unsafeAddresses(value: unknown, path = ''): UnsafeAddress[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeAddresses(item, path ? `${path}.${index}` : String(index)))
  if (!value || typeof value !== 'object') return []
  const record = value as Record<string, unknown>
  const found: UnsafeAddress[] = []
  const isLink = record.type === 'link' || record.type === 'autolink'
  const linkUrl = (record.fields as { url?: unknown } | undefined)?.url
  if (isLink && typeof linkUrl === 'string' && !isSafeLinkAddress(linkUrl)) found.push({ path, address: linkUrl })
  for (const [key, child] of Object.entries(record)) {
    if (isLink && key === 'fields') continue
    const here = path ? `${path}.${key}` : key
    if (key === 'url' && typeof child === 'string' && record.type === undefined && !isSafeLinkAddress(child)) found.push({ path: here, address: child })
    else if (child && typeof child === 'object') found.push(...unsafeAddresses(child, here))
  }
  return found
}

/**
 * Refuses a save (drafts included, which Payload does not validate) whose text links to a script or
 * another address a browser would run rather than open: `javascript:`, `data:`, `vbscript:`, …
 * Published HTML drops such links anyway, but the admin and downstream tools show stored ones.
 */
export const refuseUnsafeLinks: CollectionBeforeValidateHook = ({ data }) => {
  const unsafe = unsafeAddresses(data ?? {})
  if (unsafe.length === 0) return data
  throw new APIError(
    `Links may point to web pages (https://…), email (mailto:) or phone numbers (tel:) only; ${unsafe
      .map((found) => `"${found.address.slice(0, 60)}" at ${found.path}`)
      .join(', ')} cannot be saved. Replace the address with the page it should open.`,
    400,
    { code: 'LINK_ADDRESS_UNSAFE', paths: unsafe.map((found) => found.path) },
    true,
  )
}
