import type { GlobalConfig } from 'payload'

import { isAdmin } from '../src/access/isAdmin'

export const WebhookSettings: GlobalConfig = {
  slug: 'webhook-settings',
  admin: { group: 'Webhooks' },
  access: { read: isAdmin, update: isAdmin },
  fields: [
    {
      name: 'allowPrivateAddresses',
      type: 'checkbox',
      defaultValue: false,
      admin: {
        description:
          'Allow endpoints on loopback and private networks (127.0.0.1, 10.x, 192.168.x …), for a receiver on the same host or network. Off by default: such addresses could reach internal services.',
      },
    },
  ],
}
