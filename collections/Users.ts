import type { CollectionConfig } from 'payload'

import { adminOrSelf } from '../src/access/adminOrSelf'
import { isAdmin, isAdminField } from '../src/access/isAdmin'
import { ROLES } from '../src/access/roles'
import type { Language } from '../src/localization/languages'

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
  },
  access: {
    admin: ({ req: { user } }) => Boolean(user),
    create: isAdmin,
    read: adminOrSelf,
    update: adminOrSelf,
    delete: isAdmin,
  },
  fields: [
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
