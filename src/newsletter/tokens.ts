import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The stored hash of a confirmation token of the kind emails carried before links were signed:
 * those links stay usable until they expire.
 */
export function legacyConfirmationTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function mac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url')
}

/**
 * The token in every email's unsubscribe link: the subscriber id signed with the server's secret.
 * It is derived, not stored, so each of thousands of emails can carry it and none is kept in clear.
 */
export function unsubscribeToken(secret: string, subscriberId: string): string {
  return `${Buffer.from(subscriberId).toString('base64url')}.${mac(secret, 'unsubscribe', subscriberId)}`
}

/** The subscriber id an unsubscribe token was made for, or null when it was not made by us. */
export function verifyUnsubscribeToken(secret: string, token: string | null | undefined): string | null {
  const [encodedId, signature] = String(token ?? '').split('.')
  if (!encodedId || !signature) return null
  const subscriberId = Buffer.from(encodedId, 'base64url').toString('utf8')
  const expected = Buffer.from(mac(secret, 'unsubscribe', subscriberId))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? subscriberId : null
}

/**
 * The token of a confirmation link: the subscriber id and the link's expiry, signed with the
 * server's secret. Nothing about it is stored, so every email sent to a pending address keeps a
 * working link until it expires (a reader who subscribed twice may use either), and the database
 * alone confirms nobody.
 */
export function confirmationToken(secret: string, subscriberId: string, expiresAt: number): string {
  const payload = `${subscriberId}:${expiresAt}`
  return `${Buffer.from(payload).toString('base64url')}.${mac(secret, 'confirm', payload)}`
}

/** What a confirmation token says, or null when it was not made by us (forged, altered, cut short). */
export function verifyConfirmationToken(secret: string, token: string | null | undefined): { subscriberId: string; expiresAt: number } | null {
  const [encoded, signature] = String(token ?? '').split('.')
  if (!encoded || !signature) return null
  const payload = Buffer.from(encoded, 'base64url').toString('utf8')
  const expected = Buffer.from(mac(secret, 'confirm', payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  const separator = payload.lastIndexOf(':')
  const expiresAt = Number(payload.slice(separator + 1))
  if (separator <= 0 || !Number.isSafeInteger(expiresAt)) return null
  return { subscriberId: payload.slice(0, separator), expiresAt }
}

/** A keyed hash of an IP address for the consent record: comparable, but not reversible by brute force without the secret. */
export function ipHash(secret: string, ip: string): string {
  return mac(secret, 'ip', ip)
}
