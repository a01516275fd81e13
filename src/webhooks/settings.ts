import type { Payload, PayloadRequest } from 'payload'

export const WEBHOOK_SETTINGS = 'webhook-settings'

/** Whether an admin allowed endpoints on loopback and private networks (for a receiver on the same host, or tests). */
export async function privateAddressesAllowed(payload: Payload, req?: Partial<PayloadRequest>): Promise<boolean> {
  const settings = await payload.findGlobal({ slug: WEBHOOK_SETTINGS, depth: 0, req, overrideAccess: true })
  return settings.allowPrivateAddresses === true
}
