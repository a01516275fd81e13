import { api } from '../support/http'

/** The subscriber record of `email`, as the admin reads it over REST. */
export async function subscriberNamed(baseURL: string, adminToken: string, email: string) {
  const found = await api(baseURL, `/api/subscribers?where[email][equals]=${encodeURIComponent(email)}&depth=0`, { token: adminToken })
  return found.body.docs[0]
}

/**
 * A confirmed subscriber of a running server: subscribed through the public endpoint, then
 * confirmed by the admin (who may set a subscriber's status), without reading the confirmation email.
 */
export async function aConfirmedReaderOverHttp(baseURL: string, adminToken: string, email: string): Promise<{ id: string; email: string }> {
  const subscribed = await api(baseURL, '/api/newsletter/subscribe', { body: { email, locale: 'en', specialties: ['orthopaedics'] } })
  if (subscribed.status !== 202) throw new Error(`Subscribing ${email} answered ${subscribed.status}: ${JSON.stringify(subscribed.body)}`)
  const { id } = await subscriberNamed(baseURL, adminToken, email)
  const confirmed = await api(baseURL, `/api/subscribers/${id}`, { method: 'PATCH', token: adminToken, body: { status: 'confirmed' } })
  if (confirmed.status !== 200) throw new Error(`Confirming ${email} answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`)
  return { id, email }
}
