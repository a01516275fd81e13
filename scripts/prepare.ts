/*
 * Run by `npm start` before serving: connecting applies pending migrations, an empty database
 * (no users yet) gets the starting content, and a library with nothing published yet (no
 * manifest in PUBLISH_DIR or the bucket) is published whole, so downstream files exist at once.
 */
import { getPayload } from 'payload'

import { MANIFEST_PATH } from '../src/publishing/layout'
import { publisherFor } from '../src/publishing/createPublisher'
import { CONNECT_TIMEOUT_MS } from '../src/database/adapter'
import { seedLibrary } from '../src/seed/seedLibrary'
import { runScript } from './lib/runScript'

async function prepare(): Promise<void> {
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs === 0) {
    const report = await seedLibrary(payload)
    payload.logger.info({ event: 'seed.finished', created: report.created.length, msg: `Seeded an empty database: ${report.created.length} records` })
  }
  const publisher = publisherFor(payload)
  if (totalDocs === 0 || !(await publisher.target.read(MANIFEST_PATH))) {
    const published = await publisher.publish({ kind: 'all' })
    payload.logger.info({ event: 'publish.rebuilt', written: published.written.length, msg: `Published the library to ${published.target}: ${published.written.length} files` })
  }
}

await runScript('Vitalpress start-up', async () => {
  try {
    await prepare()
  } catch (error) {
    const { code, message } = error as { code?: string; message: string }
    console.error(`Vitalpress could not start: ${message}`)
    if (code !== 'DATABASE_URI_UNSUPPORTED' && /connect|ECONNREFUSED|Server selection|timed out/i.test(message)) {
      console.error(
        `Check DATABASE_URI: the database it names did not answer within ${CONNECT_TIMEOUT_MS / 1000} s; it must be running and reachable from this machine. ` +
          'Leave DATABASE_URI unset to use the embedded SQLite database in ./data.',
      )
    }
    throw error
  }
})
