/*
 * A large send is worked by several processes at once, each in its own **lane**: the ledger's
 * claims keep them apart, and each hands over its share of the SMTP pool's messages in flight, so
 * together they never have more in flight than one process would.
 */

/** Lane `index` of `of` lanes working one send. */
export interface SendLane {
  index: number
  of: number
}

/** A send worked by one process: the whole pool. */
export const SINGLE_LANE: SendLane = { index: 0, of: 1 }

/**
 * Messages lane `lane` may have in flight out of a pool of `pool`: the pool split as evenly as it
 * goes, the first lanes taking the remainder (5 over 2 lanes: 3 and 2), never less than one.
 */
export function laneShare(pool: number, lane: SendLane): number {
  const whole = Math.floor(pool / lane.of)
  return Math.max(1, whole + (lane.index < pool % lane.of ? 1 : 0))
}

/**
 * How many lanes a send gets: the configured number when more than a page of recipients is still
 * to be added or sent, else one (a small send is not worth a second process's start-up), and
 * never more lanes than the pool has connections.
 */
export function lanesFor(send: { configured: number; pool: number; pageSize: number; preparing: boolean; waiting: number }): number {
  if (!send.preparing && send.waiting <= send.pageSize) return 1
  return Math.max(1, Math.min(send.configured, send.pool))
}

/** The lane a send job's input names; a job from before lanes, or one queued to pick up stragglers, is the single lane. */
export function laneOfInput(input: { lane?: unknown; lanes?: unknown }): SendLane {
  const index = Number(input.lane)
  const of = Number(input.lanes)
  if (!Number.isInteger(of) || of < 2 || !Number.isInteger(index) || index < 0 || index >= of) return SINGLE_LANE
  return { index, of }
}
