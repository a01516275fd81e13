import type { Payload } from 'payload'

import { applyEnvironment, temporaryLibrary, type LibraryEnvironment } from './environment'

export interface TestLibrary extends LibraryEnvironment {
  payload: Payload
}

/** This process's Payload on a library whose settings are already applied. */
async function loadPayload(): Promise<Payload> {
  const { default: config } = await import('../../src/payload.config')
  const { getPayload } = await import('payload')
  return getPayload({ config })
}

/**
 * A real Payload instance on its own temporary database, with the committed migrations applied.
 * Each jest test file has its own module registry, so each file gets its own instance.
 */
export async function startPayload(name: string): Promise<TestLibrary> {
  const library = temporaryLibrary(name)
  applyEnvironment(library)
  return { ...library, payload: await loadPayload() }
}

/**
 * A Payload instance in this process on a running server's database, to arrange and read rows.
 * It runs no job, so the server's own queue alone does the work a test looks at.
 */
export async function payloadBesideServer(server: LibraryEnvironment): Promise<Payload> {
  applyEnvironment({ dir: server.dir, env: { ...server.env, JOBS_AUTORUN: 'false' } })
  return loadPayload()
}

export async function stopPayload(library: TestLibrary | undefined): Promise<void> {
  await library?.payload.destroy()
}
