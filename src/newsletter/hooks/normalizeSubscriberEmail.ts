import type { CollectionBeforeValidateHook } from 'payload'

/** One address, one subscriber: "Name@Example.com " and "name@example.com" are the same person. */
export const normalizeSubscriberEmail: CollectionBeforeValidateHook = ({ data }) => {
  if (data && typeof data.email === 'string') data.email = data.email.trim().toLowerCase()
  return data
}
