import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

/*
 * A replaceable process (a worker, a command-line send) costs some seconds to start: Node, the
 * config and Payload. Whoever replaces it can start the next one while the current one works:
 * the next process starts "on standby", loads everything, says it is ready, and waits for its
 * turn, so the hand-over costs no start-up time. A process on standby touches no job and no row
 * until then: it waits before its job loop or its work starts.
 */

/** Set in a process's environment to start it on standby (with an IPC channel to its parent). */
export const STANDBY_ENV = 'VITALPRESS_STANDBY'

/** What the parent says to a process on standby: go (with a word, such as the send to work on), or stop. */
type StandbyWord = { go: string } | { stop: true }

/**
 * In a process started on standby: says it is ready and waits for its turn. Returns the parent's
 * word (empty when it gave none); exits when the parent says stop or goes away. Returns at once,
 * with `null`, in a process not started on standby.
 */
export async function waitForTurn(): Promise<string | null> {
  if (process.env[STANDBY_ENV] !== '1' || !process.send) return null
  const word = await new Promise<StandbyWord>((resolve) => {
    process.on('message', (message: StandbyWord) => resolve(message))
    process.once('disconnect', () => resolve({ stop: true }))
    process.send!({ standby: 'ready' })
  })
  if ('stop' in word) process.exit(0)
  // The channel stays open for a later word but no longer keeps the process alive.
  process.channel?.unref()
  return word.go
}

/** A child process started on standby: `go` gives it its turn once it is ready; `stop` ends it unused. */
export interface StandbyProcess {
  child: ChildProcess
  /** Resolves when it has started and waits for its turn. */
  ready: Promise<void>
  go(word?: string): Promise<void>
  stop(): void
}

/** Starts `command` on standby; its stdio is as `options.stdio` says, plus the IPC channel. */
export function startOnStandby(command: string, args: string[], options: SpawnOptions & { stdio: ['ignore' | 'inherit' | 'pipe', 'ignore' | 'inherit' | 'pipe', 'ignore' | 'inherit' | 'pipe'] }): StandbyProcess {
  const child = spawn(command, args, { ...options, env: { ...(options.env ?? process.env), [STANDBY_ENV]: '1' }, stdio: [...options.stdio, 'ipc'] })
  // A word sent as the child dies fails on the channel; its exit tells the rest.
  child.on('error', () => undefined)
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: { standby?: string }) => {
      if (message?.standby === 'ready') resolve()
    })
    child.once('exit', (code, signal) => reject(Object.assign(new Error(`The process started on standby exited before its turn (${signal ?? `exit ${code}`}).`), { code: 'STANDBY_EXITED' })))
  })
  // A standby that is stopped unused exits before its turn: not a failure anyone waits on.
  ready.catch(() => undefined)
  return {
    child,
    ready,
    go: async (word = '') => {
      await ready
      child.send({ go: word } satisfies StandbyWord)
    },
    stop: () => {
      if (child.connected) child.send({ stop: true } satisfies StandbyWord)
      else child.kill('SIGTERM')
    },
  }
}
