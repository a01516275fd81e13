import type { Payload } from 'payload'

/**
 * Payload marks a job as processing when a runner takes it and leaves it so if that runner dies
 * mid-job; no runner takes such a job again. A job taken longer ago than the lease (its
 * `updatedAt` is refreshed when taken and after every task) is released here to run again. Every
 * task is safe to run twice: it reloads its records by id and skips work already done.
 */
export async function releaseAbandonedJobs(payload: Payload, leaseMs: number, now: Date = new Date()): Promise<string[]> {
  const cutoff = new Date(now.getTime() - leaseMs).toISOString()
  const abandoned = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ processing: { equals: true } }, { updatedAt: { less_than: cutoff } }, { completedAt: { exists: false } }] },
    depth: 0,
    pagination: false,
    select: { taskSlug: true, updatedAt: true },
    overrideAccess: true,
  })
  const released: string[] = []
  for (const job of abandoned.docs) {
    // The condition is repeated so a job its runner finished meanwhile is left alone.
    const result = await payload.update({
      collection: 'payload-jobs',
      where: { and: [{ id: { equals: job.id } }, { processing: { equals: true } }, { updatedAt: { equals: job.updatedAt } }] },
      data: { processing: false },
      depth: 0,
      overrideAccess: true,
    })
    if (result.docs.length > 0) released.push(String(job.id))
  }
  if (released.length > 0) {
    payload.logger.warn({
      event: 'jobs.lease_expired',
      jobIds: released,
      msg: `Released ${released.length} job(s) left processing by a runner that stopped over ${Math.round(leaseMs / 1000)} s ago`,
    })
  }
  return released
}
