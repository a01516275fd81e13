import type { Endpoint, TypedUser } from 'payload'

import { hasRole } from '../../access/roles'
import { defineEndpoint } from '../../api/endpoint'
import { liftSuppression } from '../bounces'

/** An admin's actions on one subscriber, at /api/subscribers/:id/… */
export const subscriberEndpoints: Endpoint[] = [
  defineEndpoint({
    path: '/:id/lift-suppression',
    method: 'post',
    who: {
      may: (user: TypedUser) => hasRole(user, 'admin'),
      forbidden: { code: 'NEWSLETTER_FORBIDDEN', message: 'Only admins can lift a suppression; ask one, or sign in with an admin account.' },
    },
    handler: async ({ req, user, param }) => {
      const subscriber = await liftSuppression(req.payload, param('id'), String(user.id))
      return { id: subscriber.id, status: subscriber.status, suppression: null }
    },
  }),
]
