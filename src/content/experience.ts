/**
 * Years of practice shown beside a doctor ("9 Years"): computed from the year they began, at
 * the moment of publishing, so it never goes stale in the database.
 */
export function yearsOfExperience(practicingSince: number, today: Date = new Date()): number {
  return Math.max(0, today.getUTCFullYear() - practicingSince)
}
