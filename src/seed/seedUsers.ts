import type { Payload } from 'payload'

import type { Role } from '../access/roles'
import { writeAdminLanguage } from '../admin/ui/language/adminLanguage'
import { readEnvironment, type Environment, type VariableSource } from '../environment/readEnvironment'

/** Tells hooks that the seed is writing, so it queues no publishing, email or webhook work. */
export const SEED_CONTEXT = { seeding: true }

export interface SeedUser {
  email: string
  name: string
  roles: Role[]
  locales: string[]
  /** Which seeded password the person gets: `SEED_ADMIN_PASSWORD` or `SEED_STAFF_PASSWORD`. */
  password: keyof Environment['seed']['passwords']
  /** The admin's interface language for this person, when it is not the browser's. */
  adminLanguage?: string
}

export const SEED_USERS: SeedUser[] = [
  { email: 'admin@vitalpress.example', name: 'Asha Admin', roles: ['admin'], locales: [], password: 'admin' },
  { email: 'editor@vitalpress.example', name: 'Esha Editor', roles: ['editor'], locales: [], password: 'staff' },
  { email: 'reviewer@vitalpress.example', name: 'Dr. Ravi Reviewer', roles: ['reviewer'], locales: ['en', 'hi'], password: 'staff' },
  { email: 'translator.hi@vitalpress.example', name: 'Tara Translator', roles: ['translator'], locales: ['hi'], password: 'staff' },
  { email: 'translator.ta@vitalpress.example', name: 'Tamil Selvi', roles: ['translator'], locales: ['ta'], password: 'staff', adminLanguage: 'ta' },
]

export function seedPassword(user: SeedUser, env: VariableSource = process.env): string {
  return readEnvironment(env).seed.passwords[user.password]
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
