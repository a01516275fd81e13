import type { CollectionConfig } from 'payload'

/**
 * The publish lock (src/publishing/publishLock.ts): at most one record, held by the process that
 * is writing the published tree. Server code only; not shown in the admin.
 */
export const PublishLocks: CollectionConfig<'publish-locks'> = {
  slug: 'publish-locks',
  admin: { hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true },
    { name: 'holder', type: 'text', required: true },
    { name: 'expiresAt', type: 'date', required: true },
  ],
}
