import type { Endpoint, PayloadRequest, TypedUser } from 'payload'

import { hasRole } from '../../access/roles'
import { defineEndpoint } from '../../api/endpoint'
import { cancelSend, resumeSend, sendTestEmail, summarizeSend } from '../sendOperations'
import { newsletterFor } from '../createNewsletter'

const staff = {
  may: (user: TypedUser) => hasRole(user, 'admin', 'editor'),
  forbidden: { code: 'NEWSLETTER_FORBIDDEN', message: 'Only admins and editors can see and operate newsletter sends; sign in with such an account.' },
}

function staffAction(path: string, method: 'get' | 'post', action: (req: PayloadRequest, sendId: string, user: TypedUser) => Promise<unknown>): Endpoint {
  return defineEndpoint({ path, method, who: staff, handler: ({ req, user, param }) => action(req, param('id'), user) })
}

/** The admin's actions on a send, at /api/newsletter-sends/:id/… */
export const newsletterSendEndpoints: Endpoint[] = [
  staffAction('/:id/summary', 'get', (req, sendId) => summarizeSend(newsletterFor(req.payload), sendId)),
  staffAction('/:id/resume', 'post', (req, sendId) => resumeSend(newsletterFor(req.payload), sendId)),
  staffAction('/:id/cancel', 'post', (req, sendId, user) => cancelSend(newsletterFor(req.payload), sendId, String(user.id))),
  staffAction('/:id/test-email', 'post', async (req, sendId, user) => {
    const language = user.languages?.[0] ?? 'en'
    const result = await sendTestEmail(newsletterFor(req.payload), sendId, { email: String(user.email), language })
    return { status: 'sent', to: user.email, ...result }
  }),
]
