import type { Access } from 'payload'

/** Any signed-in person of the editorial team (every user of the admin is one). */
export const isStaff: Access = ({ req: { user } }) => Boolean(user)
