import type { CollectionConfig } from 'payload'

/**
 * Short leases that serialize claiming across worker processes. The unique `key` is the lock:
 * creating the record takes it on every database adapter, so no two workers claim the same rows.
 */
export const NewsletterLocks: CollectionConfig<'newsletter-locks'> = {
  slug: 'newsletter-locks',
  admin: { hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true },
    { name: 'holder', type: 'text', required: true },
    { name: 'expiresAt', type: 'date', required: true },
  ],
}
