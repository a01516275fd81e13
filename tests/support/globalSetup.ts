import { randomUUID } from 'node:crypto'

/**
 * Names this test run, so the production build that the first server of the run makes is the one
 * every later server of the run uses (workers inherit this environment).
 */
export default function globalSetup(): void {
  process.env.VITALPRESS_TEST_RUN = randomUUID()
}
