import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** Only this hash of a confirmation token is stored, so the database alone confirms nobody. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function newConfirmationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
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

/** A keyed hash of an IP address for the consent record: comparable, but not reversible by brute force without the secret. */
export function ipHash(secret: string, ip: string): string {
  return mac(secret, 'ip', ip)
}
