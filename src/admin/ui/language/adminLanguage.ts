import type { CollectionAfterLoginHook, Payload, PayloadRequest, Where } from 'payload'

import type { User } from '../../../payload-types'
import { ADMIN_LANGUAGE_PREFERENCE } from './preference'

/** One year, as Payload keeps the language cookie its own language switch sets. */
const COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 365

function supportedLanguages(payload: Payload): string[] {
  return Object.keys(payload.config.i18n?.supportedLanguages ?? {})
}

const byUser = (userId: string): Where => ({
  and: [{ key: { equals: ADMIN_LANGUAGE_PREFERENCE } }, { 'user.relationTo': { equals: 'users' } }, { 'user.value': { equals: userId } }],
})

/** The admin language a person chose, when it is one the admin speaks. */
export async function readAdminLanguage(payload: Payload, userId: string, req?: Partial<PayloadRequest>): Promise<string | null> {
  const { docs } = await payload.find({ collection: 'payload-preferences', where: byUser(userId), limit: 1, depth: 0, overrideAccess: true, req })
  const value = docs[0]?.value
  return typeof value === 'string' && supportedLanguages(payload).includes(value) ? value : null
}

/** Sets a person's admin language, as their own language switch does; the seed uses it for the Tamil translator. */
export async function writeAdminLanguage(payload: Payload, person: User, language: string): Promise<void> {
  if (!supportedLanguages(payload).includes(language)) {
    throw new Error(`The admin has no "${language}" interface; it speaks ${supportedLanguages(payload).join(', ')}.`)
  }
  // Payload's preferences take their owner from the acting user, so the write is made as the person.
  const user = { ...person, collection: 'users' as const }
  const { docs } = await payload.find({ collection: 'payload-preferences', where: byUser(String(person.id)), limit: 1, depth: 0, overrideAccess: true })
  if (docs[0]) {
    await payload.update({ collection: 'payload-preferences', id: docs[0].id, data: { value: language }, user, overrideAccess: true })
  } else {
    await payload.create({ collection: 'payload-preferences', data: { key: ADMIN_LANGUAGE_PREFERENCE, value: language } as never, user, overrideAccess: true })
  }
}

/**
 * On login, sets Payload's language cookie to the person's admin language, so a Tamil translator
 * works in Tamil in any browser from the first page. Payload reads the cookie before it knows who
 * is signed in, so the language must be in the cookie, not only on the account.
 */
export const languageCookieOnLogin: CollectionAfterLoginHook = async ({ req, user }) => {
  const language = await readAdminLanguage(req.payload, String(user.id), req)
  if (!language) return user
  const name = `${req.payload.config.cookiePrefix || 'payload'}-lng`
  req.responseHeaders ??= new Headers()
  req.responseHeaders.append('Set-Cookie', `${name}=${language}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; SameSite=Lax`)
  return user
}
