import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { hasRole } from '../../access/roles'
import { NewsletterError } from '../errors'
import { cancelSend, resumeSend, sendTestEmail, summarizeSend } from '../sendOperations'
import { newsletterFor } from '../createNewsletter'

function staffAction(action: (req: PayloadRequest, sendId: string) => Promise<unknown>): PayloadHandler {
  return async (req) => {
    try {
      if (!hasRole(req.user as never, 'admin', 'editor')) {
        throw new NewsletterError('NEWSLETTER_FORBIDDEN', 'Only admins and editors can see and operate newsletter sends; sign in with such an account.', 403)
      }
      const sendId = String(req.routeParams?.id ?? '')
      return Response.json(await action(req, sendId))
    } catch (error) {
      if (error instanceof NewsletterError) return Response.json({ code: error.code, message: error.message }, { status: error.status })
      throw error
    }
  }
}

/** The admin's actions on a send, at /api/newsletter-sends/:id/… */
export const newsletterSendEndpoints: Endpoint[] = [
  { path: '/:id/summary', method: 'get', handler: staffAction((req, sendId) => summarizeSend(newsletterFor(req.payload), sendId)) },
  { path: '/:id/resume', method: 'post', handler: staffAction((req, sendId) => resumeSend(newsletterFor(req.payload), sendId)) },
  {
    path: '/:id/cancel',
    method: 'post',
    handler: staffAction((req, sendId) => cancelSend(newsletterFor(req.payload), sendId, req.user ? String(req.user.id) : undefined)),
  },
  {
    path: '/:id/test-email',
    method: 'post',
    handler: staffAction(async (req, sendId) => {
      const user = req.user as { email?: string; languages?: string[] | null } | null
      const result = await sendTestEmail(newsletterFor(req.payload), sendId, { email: String(user?.email), language: user?.languages?.[0] ?? 'en' })
      return { status: 'sent', to: user?.email, ...result }
    }),
  },
]
