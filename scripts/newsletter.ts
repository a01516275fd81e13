/*
 * `npm run newsletter -- status [sendId] | resume <sendId> | cancel <sendId>`: operate newsletter
 * sends from a shell. `resume` also works the send in this process until nothing is left for now,
 * so it is how an operator finishes a send whose worker died.
 */
import { getPayload } from 'payload'

import { cancelSend, listSends, resumeSend, summarizeSend, type SendSummary } from '../src/newsletter/operations'
import { newsletterFor } from '../src/newsletter/service'
import { runScript } from './lib/runScript'

const USAGE = 'Usage: npm run newsletter -- status [sendId] | resume <sendId> | cancel <sendId>'

function printSummary(summary: SendSummary): void {
  console.log(`Send ${summary.id} (${summary.key}, ${summary.changeKind}): ${summary.status}, ${summary.total} recipients`)
  console.table(summary.byLanguage)
  console.log(`By state: ${Object.entries(summary.byStatus).map(([status, count]) => `${status} ${count}`).join(', ')}`)
  console.log(`Possible duplicates (a worker stopped between handing over and recording): ${summary.possibleDuplicates}`)
  for (const failure of summary.failures) console.log(`  failed: ${failure.email} (${failure.language}) ${failure.code}: ${failure.reason}`)
}

await runScript('newsletter', async () => {
  const [command, sendId] = process.argv.slice(2).map(String)
  if (!['status', 'resume', 'cancel'].includes(command) || (command !== 'status' && !sendId)) {
    throw Object.assign(new Error(USAGE), { code: 'NEWSLETTER_USAGE' })
  }
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const newsletter = newsletterFor(payload)
  try {
    if (command === 'status' && !sendId) {
      const sends = await listSends(newsletter)
      if (sends.length === 0) console.log('No sends yet.')
      for (const send of sends) console.log(`${send.id}  ${send.createdAt}  ${send.key}  ${send.changeKind}  ${send.status}`)
    } else if (command === 'status') {
      printSummary(await summarizeSend(newsletter, sendId))
    } else if (command === 'resume') {
      await resumeSend(newsletter, sendId)
      const report = await newsletter.runner.run(sendId)
      console.log(JSON.stringify({ event: 'newsletter.resume.finished', ...report }))
      if (report.outcome === 'later') console.log(`Some recipients wait for a retry; a queued job continues at ${report.resumeAt}.`)
      printSummary(await summarizeSend(newsletter, sendId))
    } else {
      printSummary(await cancelSend(newsletter, sendId))
    }
  } finally {
    newsletter.mailer.close?.()
    await payload.destroy()
  }
})
