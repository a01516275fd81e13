/*
 * Run by `npm start` before serving: connecting applies pending migrations, and an empty
 * database (no users yet) gets the starting content.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { seedLibrary } from '../src/seed/seedLibrary'

const payload = await getPayload({ config })
const { totalDocs } = await payload.count({ collection: 'users' })
if (totalDocs === 0) {
  const report = await seedLibrary(payload)
  payload.logger.info({ event: 'seed.finished', created: report.created.length, msg: `Seeded an empty database: ${report.created.length} records` })
}
process.exit(0)
