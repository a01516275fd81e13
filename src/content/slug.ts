import { ValidationError, type CollectionBeforeValidateHook, type PayloadRequest } from 'payload'

/** Slugs are file names downstream (`<locale>/articles/<slug>.json`), so they are kept to a safe alphabet. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const SLUG_MAX_LENGTH = 96

export const SLUG_RULE =
  'A slug may contain only lower-case letters a–z, digits 0–9 and single hyphens between them, such as "bone-metastases"'

/** Why a slug was refused; stable across wording changes of the messages. */
export type SlugProblemCode = 'SLUG_REQUIRED' | 'SLUG_TOO_LONG' | 'SLUG_DEVICE_NAME' | 'SLUG_UNSAFE_CHARACTERS'

export interface SlugProblem {
  code: SlugProblemCode
  message: string
}

/**
 * Names Windows reserves for devices, whatever the case and whatever follows a dot: a file called
 * `con.json` cannot be created or synced there, so published files of such a slug would be lost.
 */
const DEVICE_NAME = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i

/** Says what is wrong with a slug and why (`code`), or null when it is usable as a file name. */
export function slugIssue(value: unknown): SlugProblem | null {
  if (typeof value !== 'string' || value.length === 0) return { code: 'SLUG_REQUIRED', message: `A slug is required. ${SLUG_RULE}.` }
  if (value.length > SLUG_MAX_LENGTH) {
    return { code: 'SLUG_TOO_LONG', message: `The slug is ${value.length} characters long; at most ${SLUG_MAX_LENGTH} are allowed.` }
  }
  const device = DEVICE_NAME.exec(value)
  if (device) {
    return {
      code: 'SLUG_DEVICE_NAME',
      message: `The slug "${value}" is "${device[1].toUpperCase()}", a device name on Windows file systems, where published files may be synced, so no file can have it as its name. Add a word, such as "${device[1].toLowerCase()}-guide".`,
    }
  }
  if (SLUG_PATTERN.test(value)) return null
  const found: string[] = []
  if (value.includes('/') || value.includes('\\')) found.push('a slash')
  if (value.includes('..')) found.push('".."')
  if (/\s/.test(value)) found.push('a space')
  if (/[A-Z]/.test(value)) found.push('upper-case letters')
  if (value.includes('\0')) found.push('a NUL byte')
  const what = found.length > 0 ? found.join(', ') : 'characters outside the allowed set'
  return { code: 'SLUG_UNSAFE_CHARACTERS', message: `The slug "${value.replace(/\0/g, '\\0')}" contains ${what}. ${SLUG_RULE}.` }
}

/** Says what is wrong with a slug, or null when it is usable as a file name. */
export function slugProblem(value: unknown): string | null {
  return slugIssue(value)?.message ?? null
}

/** Turns a title into a slug candidate ("What Are Bone Metastases?" → "what-are-bone-metastases"). */
export function slugFromTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '')
}

type SluggedCollection = 'articles' | 'specialties'

async function slugOrUniquenessProblem(collection: SluggedCollection, value: unknown, req: PayloadRequest, id?: number | string) {
  const problem = slugProblem(value)
  if (problem) return problem
  const taken = await req.payload.find({
    collection,
    where: { slug: { equals: value }, ...(id ? { id: { not_equals: id } } : {}) },
    limit: 1,
    depth: 0,
    draft: true,
    pagination: false,
    req,
    overrideAccess: true,
  })
  return taken.docs.length > 0 ? `The slug "${value as string}" is already used by another document; choose another.` : null
}

/**
 * Field validation for a unique slug in one collection: the format first, then that no other
 * document holds it, with messages that say how to fix either.
 */
export function uniqueSlug(collection: SluggedCollection) {
  return async (value: unknown, { req, id }: { req: PayloadRequest; id?: number | string }) =>
    (await slugOrUniquenessProblem(collection, value, req, id)) ?? true
}

/**
 * Payload does not validate drafts, but a slug becomes a file name, so this hook holds every
 * save (draft or not) to the slug rule.
 */
export function enforceSlugOnDrafts(collection: SluggedCollection): CollectionBeforeValidateHook {
  return async ({ data, originalDoc, req, operation }) => {
    const slug = data?.slug ?? originalDoc?.slug
    if (operation === 'update' && data?.slug === undefined) return data
    const problem = await slugOrUniquenessProblem(collection, slug, req, originalDoc?.id)
    if (problem) {
      throw new ValidationError({ collection, errors: [{ path: 'slug', message: problem }], req })
    }
    return data
  }
}
