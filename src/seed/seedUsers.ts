import type { Payload } from 'payload'

import type { Role } from '../access/roles'
import { writeAdminLanguage } from '../admin/ui/language/adminLanguage'

/** Tells hooks that the seed is writing, so it queues no publishing, email or webhook work. */
export const SEED_CONTEXT = { seeding: true }

/** Development passwords; the README tells operators to set their own through these variables. */
export const SEED_PASSWORD_DEFAULTS = {
  SEED_ADMIN_PASSWORD: 'vitalpress-admin',
  SEED_STAFF_PASSWORD: 'vitalpress-staff',
}

export interface SeedUser {
  email: string
  name: string
  roles: Role[]
  locales: string[]
  passwordVariable: keyof typeof SEED_PASSWORD_DEFAULTS
  /** The admin's interface language for this person, when it is not the browser's. */
  adminLanguage?: string
}

export const SEED_USERS: SeedUser[] = [
  { email: 'admin@vitalpress.example', name: 'Asha Admin', roles: ['admin'], locales: [], passwordVariable: 'SEED_ADMIN_PASSWORD' },
  { email: 'editor@vitalpress.example', name: 'Esha Editor', roles: ['editor'], locales: [], passwordVariable: 'SEED_STAFF_PASSWORD' },
  { email: 'reviewer@vitalpress.example', name: 'Dr. Ravi Reviewer', roles: ['reviewer'], locales: ['en', 'hi'], passwordVariable: 'SEED_STAFF_PASSWORD' },
  { email: 'translator.hi@vitalpress.example', name: 'Tara Translator', roles: ['translator'], locales: ['hi'], passwordVariable: 'SEED_STAFF_PASSWORD' },
  { email: 'translator.ta@vitalpress.example', name: 'Tamil Selvi', roles: ['translator'], locales: ['ta'], passwordVariable: 'SEED_STAFF_PASSWORD', adminLanguage: 'ta' },
]

export function seedPassword(user: SeedUser, env: NodeJS.ProcessEnv = process.env): string {
  return env[user.passwordVariable] || SEED_PASSWORD_DEFAULTS[user.passwordVariable]
}

export async function seedUsers(payload: Payload, note: (created: boolean, what: string) => void): Promise<void> {
  for (const user of SEED_USERS) {
    const found = await payload.find({ collection: 'users', where: { email: { equals: user.email } }, limit: 1, depth: 0 })
    note(found.docs.length === 0, `user ${user.email}`)
    if (found.docs.length > 0) continue
    const created = await payload.create({
      collection: 'users',
      context: SEED_CONTEXT,
      data: { email: user.email, name: user.name, roles: user.roles, languages: user.locales as never, password: seedPassword(user) },
    })
    if (user.adminLanguage) await writeAdminLanguage(payload, created, user.adminLanguage)
  }
}
