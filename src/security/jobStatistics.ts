import type { SanitizedConfig } from 'payload'

import { isAdmin } from '../access/isAdmin'

/** The global Payload adds, once any task runs on a schedule, to record when each schedule last queued work. */
export const JOB_STATISTICS_GLOBAL = 'payload-jobs-stats'

/**
 * Payload adds its job-statistics global while it sanitizes the configuration (after every plugin
 * has run), with its default access: any signed-in user may read or overwrite it, and overwriting
 * it can make a schedule skip or repeat a digest window. Only admins may touch it; Payload's own
 * scheduler reads and writes it through the database adapter, which access does not govern.
 */
export function adminOnlyJobStatistics(config: SanitizedConfig): SanitizedConfig {
  const global = config.globals.find((candidate) => candidate.slug === JOB_STATISTICS_GLOBAL)
  if (global) global.access = { ...global.access, read: isAdmin, update: isAdmin, readVersions: isAdmin }
  return config
}
