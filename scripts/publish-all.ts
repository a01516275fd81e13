/*
 * `npm run publish:all [-- --locale hi] [--dry-run]`: rebuilds the whole published tree (or one
 * language's part of it), writing only files whose bytes changed and removing files no longer
 * published. Safe to stop at any moment: the next run finishes the job.
 */
import cliProgress from 'cli-progress'
import { getPayload } from 'payload'

import { publisherFor } from '../src/publishing/createPublisher'

interface Arguments {
  locales?: string[]
  dryRun: boolean
}

function parseArguments(argv: string[]): Arguments {
  const locales: string[] = []
  let dryRun = false
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]
    if (argument === '--dry-run') dryRun = true
    else if (argument === '--locale') locales.push(...(argv[++index] ?? '').split(',').filter(Boolean))
    else if (argument.startsWith('--locale=')) locales.push(...argument.slice('--locale='.length).split(',').filter(Boolean))
    else {
      throw Object.assign(new Error(`Unknown argument "${argument}". Usage: npm run publish:all -- [--locale hi] [--dry-run]`), { code: 'PUBLISH_ARGUMENT_UNKNOWN' })
    }
  }
  return { locales: locales.length > 0 ? locales : undefined, dryRun }
}

async function publishAll(): Promise<void> {
  const args = parseArguments(process.argv.slice(2))
  const { default: config } = await import('@payload-config')
  const payload = await getPayload({ config })
  const publisher = publisherFor(payload)
  const bar = new cliProgress.SingleBar(
    { format: 'Publishing |{bar}| {value}/{total} articles | {duration}s', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2000, hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  const startedAt = Date.now()
  const report = await publisher.publish(
    { kind: 'all' },
    {
      locales: args.locales,
      dryRun: args.dryRun,
      onProgress: (done, total) => {
        if (!started) {
          started = true
          bar.start(total, done)
        } else bar.update(done)
      },
    },
  )
  bar.stop()
  const verb = args.dryRun ? 'would write' : 'wrote'
  console.log(
    `publish:all ${args.dryRun ? '(dry run) ' : ''}to ${report.target}${args.locales ? ` for ${args.locales.join(', ')}` : ''}: ` +
      `${verb} ${report.written.length} file(s), ${args.dryRun ? 'would remove' : 'removed'} ${report.removed.length}, ${report.unchanged} unchanged, ` +
      `in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
  )
  if (args.dryRun) for (const path of [...report.written.map((p) => `write  ${p}`), ...report.removed.map((p) => `remove ${p}`)]) console.log(`  ${path}`)
}

try {
  await publishAll()
  process.exit(0)
} catch (error) {
  const { code, message } = error as { code?: string; message: string }
  console.error(`publish:all failed${code ? ` (${code})` : ''}: ${message}`)
  process.exit(1)
}
