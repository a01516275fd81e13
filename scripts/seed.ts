/* `npm run seed`: loads the starting content; safe to run again. */
import { getPayload } from 'payload'

import { seedLibrary } from '../src/seed/seedLibrary'
import { runScript } from './lib/runScript'

await runScript('seed', async () => {
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const report = await seedLibrary(payload)
  payload.logger.info({
    event: 'seed.finished',
    created: report.created.length,
    existing: report.existing.length,
    msg: `Seed: ${report.created.length} created, ${report.existing.length} already present`,
  })
})
