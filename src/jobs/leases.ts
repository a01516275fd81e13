import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type { Payload } from 'payload'

/**
 * Payload marks a job as processing when a runner takes it and leaves it so if that runner dies
 * mid-job; no runner takes such a job again. A job taken longer ago than the lease (its
 * `updatedAt` is refreshed when taken and after every task) is released here to run again. Every
 * task is safe to run twice: it reloads its records by id and skips work already done.
 */
export async function releaseAbandonedJobs(payload: Payload, leaseMs: number, now: Date = new Date()): Promise<string[]> {
  const released = await releaseJobsTakenBefore(payload, new Date(now.getTime() - leaseMs))
  if (released.length > 0) {
    payload.logger.warn({
      event: 'jobs.lease_expired',
      jobIds: released,
      msg: `Released ${released.length} job(s) left processing by a runner that stopped over ${Math.round(leaseMs / 1000)} s ago`,
    })
  }
  return released
}

async function releaseJobsTakenBefore(payload: Payload, cutoff: Date): Promise<string[]> {
  const abandoned = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ processing: { equals: true } }, { updatedAt: { less_than: cutoff.toISOString() } }, { completedAt: { exists: false } }] },
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
  return released
}

/** A process that runs jobs, as it announces itself in the key-value store. */
export interface JobRunner {
  host: string
  pid: number
  /** Random per start, so a later process that happens to get the same pid is told apart. */
  bootId: string
  startedAt: string
  /** Refreshed at every lease check; a runner on another machine silent for a lease is gone. */
  seenAt: string
}

const RUNNER_KEY_PREFIX = 'jobs-runner:'
const runnerKey = (runner: Pick<JobRunner, 'host' | 'pid' | 'bootId'>) => `${RUNNER_KEY_PREFIX}${runner.host}:${runner.pid}:${runner.bootId}`

export const thisRunner: JobRunner = {
  host: os.hostname(),
  pid: process.pid,
  bootId: randomUUID(),
  startedAt: new Date().toISOString(),
  seenAt: new Date().toISOString(),
}

export interface RunnerSurroundings {
  /** This process. */
  self: Pick<JobRunner, 'host' | 'pid' | 'bootId'>
  /** Whether a process of this machine is alive. */
  pidAlive: (pid: number) => boolean
  now: Date
  leaseMs: number
}

/**
 * Whether a runner that announced itself has stopped: on this machine its process is gone (or
 * its pid now belongs to a later start); elsewhere it has not been seen for a whole lease.
 */
export function runnerIsGone(runner: JobRunner, { self, pidAlive, now, leaseMs }: RunnerSurroundings): boolean {
  if (runner.host === self.host) {
    if (runner.pid === self.pid) return runner.bootId !== self.bootId
    return !pidAlive(runner.pid)
  }
  return now.getTime() - new Date(runner.seenAt).getTime() > leaseMs
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/**
 * Announces this process as a job runner and, when every other runner that ever announced itself
 * is gone, releases at once the jobs they left processing: jobs taken before this process started
 * can only be theirs. While another runner lives (workers scaled out), its jobs keep their lease,
 * since which runner holds a job is not recorded; they are released once the lease runs out.
 */
export async function releaseJobsOfGoneRunners(payload: Payload, leaseMs: number, now: Date = new Date(), self: JobRunner = thisRunner): Promise<string[]> {
  await payload.kv.set(runnerKey(self), { ...self, seenAt: now.toISOString() })
  const keys = (await payload.kv.keys()).filter((key) => key.startsWith(RUNNER_KEY_PREFIX) && key !== runnerKey(self))
  const surroundings: RunnerSurroundings = { self, pidAlive, now, leaseMs }
  let othersAlive = false
  let gone = 0
  for (const key of keys) {
    const runner = await payload.kv.get<JobRunner>(key)
    if (runner && !runnerIsGone(runner, surroundings)) {
      othersAlive = true
      continue
    }
    gone += 1
    await payload.kv.delete(key)
  }
  if (gone === 0 || othersAlive) return []
  const released = await releaseJobsTakenBefore(payload, new Date(self.startedAt))
  if (released.length > 0) {
    payload.logger.warn({ event: 'jobs.runner_gone', jobIds: released, msg: `Released ${released.length} job(s) left processing by a job runner that is no longer running` })
  }
  return released
}
