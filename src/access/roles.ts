import type { User } from '../payload-types'

export const ROLES = ['admin', 'editor', 'reviewer', 'translator'] as const
export type Role = (typeof ROLES)[number]

/** The people who work in the admin; readers and subscribers never log in. */
type Staff = Pick<User, 'roles' | 'languages'> | null | undefined

export function hasRole(user: Staff, ...roles: Role[]): boolean {
  return Boolean(user?.roles?.some((role) => roles.includes(role as Role)))
}

/** The locales a translator or reviewer works in, from their user record. */
export function localesOf(user: Staff): string[] {
  return (user?.languages ?? []) as string[]
}
