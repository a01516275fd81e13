import { initialPace, nextPace, throttledRetryAfterMs, type Pace, type PaceAnswer, type PaceSettings } from './pace'

/** A change of pace, for the log and the run's report. */
export interface PaceChange {
  from: Pace
  to: Pace
}

export interface PaceGateDeps {
  settings: PaceSettings
  now: () => number
  sleep: (ms: number) => Promise<void>
}

/**
 * Holds the sender's handovers to the pace (`pace.ts`): a message waits for a free place among
 * the messages in flight and for the pause since the previous handover. One gate per process: a
 * provider throttles the sender, whichever send the message belongs to.
 */
export class PaceGate {
  private pace: Pace
  private inFlight = 0
  private lastHandoverAt = Number.NEGATIVE_INFINITY
  private waiting: (() => void)[] = []

  constructor(private readonly deps: PaceGateDeps) {
    this.pace = initialPace(deps.settings)
  }

  get current(): Pace {
    return this.pace
  }

  /** Waits for this message's turn; returns the time of its handover. */
  async enter(): Promise<number> {
    for (;;) {
      if (this.inFlight < this.pace.concurrency) {
        const pause = this.lastHandoverAt + this.pace.intervalMs - this.deps.now()
        if (pause <= 0) {
          this.inFlight += 1
          this.lastHandoverAt = this.deps.now()
          return this.lastHandoverAt
        }
        await this.deps.sleep(pause)
      } else {
        await new Promise<void>((resolve) => this.waiting.push(resolve))
      }
    }
  }

  /** Records the answer to a message let through by `enter`; returns the change of pace it caused, if any. */
  leave(answer: PaceAnswer): PaceChange | null {
    this.inFlight -= 1
    const from = this.pace
    this.pace = nextPace(from, answer, this.deps.settings)
    for (const wake of this.waiting.splice(0)) wake()
    return from.level === this.pace.level ? null : { from, to: this.pace }
  }

  /** How long a recipient just throttled waits before it is tried again. */
  retryAfterMs(): number {
    return throttledRetryAfterMs(this.pace, this.deps.settings)
  }
}
