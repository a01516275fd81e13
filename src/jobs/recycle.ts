/**
 * A job may ask for the process that runs it to be replaced once the job is done: the newsletter's
 * send does so after its share of recipients, because the SQLite client's native memory is only
 * given back when the process ends. A worker honours the request by stopping after its current
 * batch, and `npm run worker` starts the next one at once; the web process, which runs jobs only
 * when JOBS_AUTORUN is on, carries on.
 */
let requested: { reason: string } | null = null

export function requestProcessRecycle(reason: string): void {
  requested ??= { reason }
}

export function processRecycleRequested(): { reason: string } | null {
  return requested
}

let replaceable = false

/**
 * Declares that this process is one a supervisor or parent replaces when it stops (a worker, a
 * command-line send): only then do jobs limit the work they do in it. The web process never is.
 */
export function declareProcessReplaceable(): void {
  replaceable = true
}

export function processIsReplaceable(): boolean {
  return replaceable
}
