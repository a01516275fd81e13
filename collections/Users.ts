import type { CollectionConfig } from 'payload'

import { adminOrSelf, adminOrSelfField } from '../src/access/adminOrSelf'
import { isAdmin, isAdminField } from '../src/access/isAdmin'
import { ROLES } from '../src/access/roles'
import type { Language } from '../src/languages/registry'
import { sessionCookieOptionsFromEnv } from '../src/security/loginProtection'

export const createUsers = (languages: Language[]): CollectionConfig<'users'> => ({
  slug: 'users',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'roles', 'languages'],
    group: 'Administration',
  },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    cookies: sessionCookieOptionsFromEnv(),
  },
  access: {
    admin: ({ req: { user } }) => Boolean(user),
    create: isAdmin,
    read: adminOrSelf,
    update: adminOrSelf,
    delete: isAdmin,
    // Payload lets any signed-in user unlock any account, which would let one account undo the
    // lockout protecting another (the admin's, say) between rounds of guessing.
    unlock: isAdmin,
  },
  fields: [
    // Merged into Payload's own email field. The collection rule already limits whole accounts to
    // their holder and admins; this also closes filters through relationships (`reviewedBy.email`),
    // which Payload checks against field rules only.
    { name: 'email', type: 'email', access: { read: adminOrSelfField } },
    { name: 'name', type: 'text', required: true },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['editor'],
      options: ROLES.map((role) => ({ label: role[0].toUpperCase() + role.slice(1), value: role })),
      access: { create: isAdminField, update: isAdminField },
      saveToJWT: true,
    },
    {
      name: 'languages',
      type: 'select',
      hasMany: true,
      options: languages.map((language) => ({ label: `${language.englishName} (${language.code})`, value: language.code })),
      admin: { description: 'The languages this reviewer or translator works in.' },
      access: { create: isAdminField, update: isAdminField },
      saveToJWT: true,
    },
  ],
})
