import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'

import { classifySmtpError, type MailAccepted, type Mailer, type OutgoingEmail, type SmtpErrorReport } from './mailer'
import { acceptance, messageOptions, noAnswer } from './nodemailerMailer'
import { smtpPoolOptions } from './smtpPool.mjs'

/**
 * The mail thread's script: plain JavaScript, which Node runs as it is. It is found from the
 * working directory, the project's root, as every command runs there; a compiled server has no
 * source folder beside its own files.
 */
const THREAD_SCRIPT = path.resolve(process.cwd(), 'src/mail/smtpThread.mjs')

/** Whether the mail thread's script is where this process can start it (else the pool runs in the process's own thread). */
export function smtpThreadAvailable(): boolean {
  return fs.existsSync(THREAD_SCRIPT)
}

/**
 * The thread's heap. Its old generation holds little (a message and its MIME are some tens of
 * kilobytes); a young generation of 16 MB keeps the thread's share of the process at about 30 MB,
 * where V8's default let it take about 60, and 4 MB made it collect so often that each message cost
 * a third more CPU.
 */
const THREAD_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 }

/** How long a closed pool's messages in flight may still take. */
const CLOSE_GRACE_MS = 2_000

type Answer = { id: number; response?: string; rejected?: string[]; error?: SmtpErrorReport }

interface Pending {
  settle: (answer: Answer) => void
  timer: NodeJS.Timeout
  /** The thread the message was handed to: only its stopping fails the message. */
  thread: Worker
}

/**
 * The `Mailer` over an SMTP pool that runs in a thread of its own (`smtpThread.mjs`). Building,
 * encoding and writing a message take about as long as the ledger's writes for it; in one thread
 * they took turns, and a sending process kept one core busy at about 250 messages a second. Here
 * the two run side by side, and the process's main thread only hands each message over and
 * records the answer.
 *
 * The answers mean what `NodemailerMailer`'s mean: a refusal, a lost connection or a thread that
 * stopped is a `MailFailure` classified the same way, and a message with no answer within
 * `answerTimeoutMs` is a temporary failure.
 */
export class SmtpThreadMailer implements Mailer {
  private thread: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 0

  constructor(
    private readonly pool: { smtpUrl: string; maxConnections: number; rateLimit: number },
    private readonly answerTimeoutMs: number,
  ) {}

  private start(): Worker {
    const thread = new Worker(THREAD_SCRIPT, { workerData: { pool: smtpPoolOptions(this.pool) }, resourceLimits: THREAD_HEAP })
    thread.on('message', (answer: Answer) => this.answer(answer))
    // A thread that stops takes its messages' answers with it: each becomes a temporary failure, retried later.
    const stopped = (reason: string) => {
      if (this.thread === thread) this.thread = null
      for (const [id, pending] of [...this.pending]) {
        if (pending.thread === thread) this.answer({ id, error: { code: 'ECONNECTION', message: `The mail thread stopped (${reason}) before the server answered.` } })
      }
    }
    thread.on('error', (error) => stopped(error.message))
    thread.on('exit', (code) => stopped(`exit code ${code}`))
    // An idle thread does not keep the process alive; one with messages in flight does.
    thread.unref()
    return thread
  }

  private answer(answer: Answer): void {
    const pending = this.pending.get(answer.id)
    if (!pending) return
    this.pending.delete(answer.id)
    clearTimeout(pending.timer)
    if (![...this.pending.values()].some((other) => other.thread === pending.thread)) pending.thread.unref()
    pending.settle(answer)
  }

  async send(email: OutgoingEmail): Promise<MailAccepted> {
    const thread = (this.thread ??= this.start())
    const id = (this.nextId += 1)
    const answer = await new Promise<Answer>((settle) => {
      const timer = setTimeout(() => this.answer({ id, error: noAnswer(this.answerTimeoutMs) }), this.answerTimeoutMs)
      this.pending.set(id, { settle, timer, thread })
      thread.ref()
      thread.postMessage({ id, mail: messageOptions(email) })
    })
    if (answer.error) throw classifySmtpError(answer.error)
    return acceptance(email, answer, 'accepted')
  }

  /**
   * Closes the pool's connections; a message still waiting for its answer after `CLOSE_GRACE_MS`
   * fails as temporary (the ledger queues it again), so a server that hangs cannot hold the process.
   */
  close(): void {
    const thread = this.thread
    if (!thread) return
    this.thread = null
    thread.postMessage({ close: true })
    setTimeout(() => void thread.terminate(), CLOSE_GRACE_MS).unref()
  }
}
