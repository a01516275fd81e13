/*
 * Run by `npm start` before serving: connecting applies pending migrations, and an empty
 * database (no users yet) gets the starting content.
 */
import { getPayload } from 'payload'

import { seedLibrary } from '../src/seed/seedLibrary'

async function prepare(): Promise<void> {
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs === 0) {
    const report = await seedLibrary(payload)
    payload.logger.info({ event: 'seed.finished', created: report.created.length, msg: `Seeded an empty database: ${report.created.length} records` })
  }
}

try {
  await prepare()
  process.exit(0)
} catch (error) {
  const { code, message } = error as { code?: string; message: string }
  console.error(`Vitalpress could not start: ${message}`)
  if (code !== 'DATABASE_URI_UNSUPPORTED' && /connect|ECONNREFUSED|Server selection|timed out/i.test(message)) {
    console.error(
      'Check DATABASE_URI: the database it names must be running and reachable from this machine. ' +
        'Leave DATABASE_URI unset to use the embedded SQLite database in ./data.',
    )
  }
  process.exit(1)
}
