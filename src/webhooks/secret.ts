import { randomBytes } from 'node:crypto'
import type { CollectionBeforeChangeHook, Endpoint, FieldAccess, PayloadRequest } from 'payload'

import { hasRole } from '../access/roles'
import { DomainError } from '../errors/domainError'
import { defineEndpoint } from '../api/endpoint'

/** A new endpoint secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function generateEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/** Secrets issued during this request, which its own answer may show (and nothing else ever will). */
const ISSUED = 'webhookSecretsIssued'

function issue(req: PayloadRequest): string {
  const secret = generateEndpointSecret()
  req.context[ISSUED] = [...((req.context[ISSUED] as string[] | undefined) ?? []), secret]
  return secret
}

/**
 * Every new endpoint gets a secret made here, whatever the request sent, so no guessable or reused
 * value is ever a signing key.
 */
export const issueSecretOnCreate: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation === 'create') data.secret = issue(req)
  return data
}

/**
 * The secret is write-only: the answer to the request that created (or rotated) it shows it once,
 * so the admin can hand it to the receiver; no later read, list, GraphQL query or version does.
 * Server code that signs deliveries reads it with access control off.
 */
export const secretShownOnce: FieldAccess = ({ req, doc }) => {
  const issued = req.context?.[ISSUED] as string[] | undefined
  return Boolean(doc?.secret && issued?.includes(doc.secret as string))
}

/**
 * `POST /api/webhook-endpoints/:id/rotate-secret`: replaces the endpoint's secret and answers the
 * new one, once (`{ id, secret }`). Admins only; the old secret stops working at once.
 */
export const rotateSecretEndpoint: Endpoint = defineEndpoint({
  path: '/:id/rotate-secret',
  method: 'post',
  who: {
    may: (user) => hasRole(user, 'admin'),
    unauthenticated: { code: 'WEBHOOK_UNAUTHENTICATED', message: 'Sign in as an admin to rotate a webhook secret.' },
    forbidden: { code: 'WEBHOOK_SECRET_FORBIDDEN', message: 'Only admins can rotate webhook secrets.' },
  },
  handler: async ({ req, user, param }) => {
    const id = param('id')
    const endpoint = await req.payload.findByID({ collection: 'webhook-endpoints', id, depth: 0, disableErrors: true, overrideAccess: false, user, req })
    if (!endpoint) throw new DomainError({ code: 'WEBHOOK_ENDPOINT_NOT_FOUND', status: 404, message: `There is no webhook endpoint ${id}.` })
    const secret = issue(req)
    await req.payload.update({ collection: 'webhook-endpoints', id, data: { secret }, depth: 0, overrideAccess: true, req })
    req.payload.logger.info({ event: 'webhook.secret_rotated', endpointId: id, actor: user.id, msg: `Webhook endpoint ${id}: secret rotated` })
    return { id, secret }
  },
})
