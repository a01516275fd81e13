import { classifySmtpError, isThrottlingAnswer } from '../../src/mail/mailer'
import { initialPace, nextPace, paceAfter, throttledRetryAfterMs, type PaceAnswer, type PaceSettings } from '../../src/newsletter/pace'
import { PaceGate } from '../../src/newsletter/paceGate'

const SETTINGS: PaceSettings = {
  concurrency: 5,
  throttledIntervalMs: 1000,
  maxIntervalMs: 8000,
  recoverAfter: 3,
  retryAfterMs: 60_000,
  maxRetryAfterMs: 300_000,
}

const accepted: PaceAnswer = { outcome: 'accepted' }
const other: PaceAnswer = { outcome: 'other' }
/** A throttling answer at `at` to a message handed over at `handedOverAt` (just before, by default). */
const throttled = (at: number, handedOverAt = at - 1): PaceAnswer => ({ outcome: 'throttled', at, handedOverAt })
const shape = ({ concurrency, intervalMs, level }: { concurrency: number; intervalMs: number; level: number }) => ({ concurrency, intervalMs, level })

describe('throttling answers', () => {
  it('when the server answers 421, 451 or 454, or a provider states a rate limit, then it is throttling, a temporary failure of its own', () => {
    const answers: [number, string][] = [
      [421, '421 4.4.2 Too busy'],
      [451, '451 4.3.0 Try again later'],
      [454, '454 4.7.0 Temporary authentication failure'],
      [421, '421 4.7.0 Try again later, closing connection'],
      [450, '450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered'],
      [450, '450 4.7.1 Too many messages, slow down'],
      [452, '452 Rate limit exceeded for this account'],
    ]

    for (const [responseCode, response] of answers) {
      expect({ response, failure: classifySmtpError({ responseCode, response }) }).toEqual({
        response,
        failure: expect.objectContaining({ kind: 'temporary', throttled: true, hardBounce: false, code: 'MAIL_THROTTLED' }),
      })
    }
  })

  it("when the trouble is the recipient's, the connection or a 5xx, then it is not throttling", () => {
    expect(classifySmtpError({ responseCode: 452, response: '452 4.2.2 Mailbox full' })).toMatchObject({ kind: 'temporary', throttled: false, code: 'MAIL_TEMPORARY_FAILURE' })
    expect(classifySmtpError({ responseCode: 450, response: '450 4.2.0 Mailbox busy' })).toMatchObject({ throttled: false })
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' })).toMatchObject({ kind: 'temporary', throttled: false })
    expect(classifySmtpError({ responseCode: 554, response: '554 5.7.1 Too many messages, message refused' })).toMatchObject({ kind: 'permanent', throttled: false })
    expect(isThrottlingAnswer(250, '250 2.0.0 Ok: queued')).toBe(false)
  })
})

describe('the pace rule', () => {
  it('when nothing has been answered, then the send goes at full speed: the whole pool, no pause', () => {
    expect(shape(initialPace(SETTINGS))).toEqual({ concurrency: 5, intervalMs: 0, level: 0 })
  })

  it('when the server throttles, then each step halves the messages in flight and doubles the pause, down to one message at the longest pause', () => {
    const steps = [1, 2, 3, 4, 5, 6].map((count) => shape(paceAfter(Array.from({ length: count }, (_, index) => throttled(1000 * (index + 1))), SETTINGS)))

    expect(steps).toEqual([
      { concurrency: 2, intervalMs: 1000, level: 1 },
      { concurrency: 1, intervalMs: 2000, level: 2 },
      { concurrency: 1, intervalMs: 4000, level: 3 },
      { concurrency: 1, intervalMs: 8000, level: 4 },
      { concurrency: 1, intervalMs: 8000, level: 4 },
      { concurrency: 1, intervalMs: 8000, level: 4 },
    ])
  })

  it('when every connection is throttled at once, then that burst is one step: messages handed over before the pace slowed were answered by it', () => {
    // Five messages handed over at 0–4 ms at full speed; their 421s arrive at 10–14 ms.
    const burst = [0, 1, 2, 3, 4].map((handedOverAt) => throttled(10 + handedOverAt, handedOverAt))
    const afterBurst = paceAfter(burst, SETTINGS)
    // A message handed over after the step, at the slower pace, throttled again: a second step.
    const afterNext = nextPace(afterBurst, throttled(2000, 1500), SETTINGS)

    expect(shape(afterBurst)).toEqual({ concurrency: 2, intervalMs: 1000, level: 1 })
    expect(shape(afterNext)).toEqual({ concurrency: 1, intervalMs: 2000, level: 2 })
  })

  it('when the server accepts again, then each run of accepted messages undoes one step until full speed', () => {
    const slowed = paceAfter([throttled(100), throttled(200)], SETTINGS)
    const afterRuns = [1, 2, 3, 4, 5, 6, 7].map((count) => shape(paceAfter([throttled(100), throttled(200), ...Array(count).fill(accepted)], SETTINGS)))

    expect(shape(slowed)).toEqual({ concurrency: 1, intervalMs: 2000, level: 2 })
    expect(afterRuns).toEqual([
      { concurrency: 1, intervalMs: 2000, level: 2 },
      { concurrency: 1, intervalMs: 2000, level: 2 },
      { concurrency: 2, intervalMs: 1000, level: 1 },
      { concurrency: 2, intervalMs: 1000, level: 1 },
      { concurrency: 2, intervalMs: 1000, level: 1 },
      { concurrency: 5, intervalMs: 0, level: 0 },
      { concurrency: 5, intervalMs: 0, level: 0 },
    ])
  })

  it('when a throttling answer breaks a run of accepted messages, then the run starts again; other failures change nothing', () => {
    const slowed = paceAfter([throttled(100)], SETTINGS)
    const broken = paceAfter([throttled(100), accepted, accepted, throttled(150, 50), accepted, accepted], SETTINGS)
    const withOthers = paceAfter([throttled(100), other, other, other, other], SETTINGS)

    expect(shape(broken)).toEqual(shape(slowed))
    expect(broken.acceptedInRow).toBe(2)
    expect(withOthers).toEqual(slowed)
    expect(paceAfter([other, accepted, other], SETTINGS)).toEqual(initialPace(SETTINGS))
  })

  it('when the pace has slowed further, then a throttled recipient waits longer, up to the longest wait', () => {
    const waits = [1, 2, 3, 4].map((count) => throttledRetryAfterMs(paceAfter(Array.from({ length: count }, (_, index) => throttled(1000 * (index + 1))), SETTINGS), SETTINGS))

    expect(waits).toEqual([60_000, 120_000, 240_000, 300_000])
  })
})

describe('the pace gate', () => {
  function gateWithClock(settings: PaceSettings) {
    const clock = { now: 0, slept: [] as number[] }
    const gate = new PaceGate({
      settings,
      now: () => clock.now,
      sleep: async (ms) => {
        clock.slept.push(ms)
        clock.now += ms
      },
    })
    return { gate, clock }
  }

  it('when the pool is full, then the next message waits for an answer', async () => {
    const { gate } = gateWithClock({ ...SETTINGS, concurrency: 2 })
    await gate.enter()
    await gate.enter()
    let third = false
    const waiting = gate.enter().then(() => (third = true))
    await new Promise((resolve) => setImmediate(resolve))
    const beforeAnswer = third

    gate.leave(accepted)
    await waiting

    expect(beforeAnswer).toBe(false)
    expect(third).toBe(true)
  })

  it('when the server throttles, then the gate lets fewer messages through and pauses between them, and reports the change once', async () => {
    const { gate, clock } = gateWithClock(SETTINGS)
    const handedOver = await Promise.all([gate.enter(), gate.enter(), gate.enter()])
    clock.now = 50
    const changes = handedOver.map((at) => gate.leave({ outcome: 'throttled', at: clock.now, handedOverAt: at }))

    const next = [await gate.enter(), await gate.enter()]

    expect(changes.filter(Boolean)).toHaveLength(1)
    expect(changes[0]).toMatchObject({ from: { level: 0 }, to: { level: 1, concurrency: 2, intervalMs: 1000 } })
    expect(next[1] - next[0]).toBe(1000)
    expect(clock.slept).toEqual([950, 1000])
  })
})
