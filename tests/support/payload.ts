import type { Payload } from 'payload'

import { applyEnvironment, temporaryLibrary, type LibraryEnvironment } from './environment'

export interface TestLibrary extends LibraryEnvironment {
  payload: Payload
}

/**
 * A real Payload instance on its own temporary database, with the committed migrations applied.
 * Each jest test file has its own module registry, so each file gets its own instance.
 */
export async function startPayload(name: string): Promise<TestLibrary> {
  const library = temporaryLibrary(name)
  applyEnvironment(library)
  const { default: config } = await import('../../src/payload.config')
  const { getPayload } = await import('payload')
  const payload = await getPayload({ config })
  return { ...library, payload }
}

export async function stopPayload(library: TestLibrary | undefined): Promise<void> {
  await library?.payload.destroy()
}
