/*
 * Part of `npm run bench:publish`, in a process of its own so the measured processes start from
 * a fresh heap: grows the temporary library to BENCH_ARTICLES published articles and
 * BENCH_DOCTORS doctors. Prints its peak RSS.
 */
import config from '@payload-config'
import { getPayload } from 'payload'

import { growCorpus } from './corpus'

const payload = await getPayload({ config })
await growCorpus(payload, { articles: Number(process.env.BENCH_ARTICLES), doctors: Number(process.env.BENCH_DOCTORS), specialties: 10 }, (done, total) => {
  if (done % 200 === 0 || done === total) process.stderr.write(`\rCorpus: ${done}/${total} articles`)
})
process.stderr.write('\n')
console.log(`RESULT ${JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}`)
await payload.destroy()
process.exit(0)
