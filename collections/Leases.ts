import type { CollectionConfig } from 'payload'

/**
 * Leases (src/database/lease.ts): one record per name while a process holds it, such as the
 * publish lease or a newsletter send's claim lease. The unique name is the lock, since every
 * database adapter enforces it. Server code only; not shown in the admin.
 */
export const Leases: CollectionConfig<'leases'> = {
  slug: 'leases',
  admin: { hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true },
    { name: 'holder', type: 'text', required: true },
    { name: 'expiresAt', type: 'date', required: true },
  ],
}
