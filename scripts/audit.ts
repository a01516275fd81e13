/*
 * `npm run audit -- --article <slug> [--out <folder>]`
 * Writes an article's whole history (every transition of its source text and of each translation)
 * as <slug>-audit.csv and <slug>-audit.json, for a standards review.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import config from '@payload-config'
import { getPayload } from 'payload'

import { DomainError } from '../src/errors/domainError'
import { auditCsv, auditJson, exportAudit } from '../src/workflow/audit/exportAudit'

const USAGE = 'Usage: npm run audit -- --article <slug> [--out <folder>]   (default folder: the current one)'

const { values } = parseArgs({ args: process.argv.slice(2), options: { article: { type: 'string' }, out: { type: 'string', default: '.' } } })
if (!values.article) {
  console.error(USAGE)
  process.exit(2)
}

const payload = await getPayload({ config })
let failed = false
try {
  const audit = await exportAudit(payload, { slug: values.article })
  fs.mkdirSync(values.out, { recursive: true })
  for (const [format, text] of [['csv', auditCsv(audit)], ['json', auditJson(audit)]] as const) {
    const file = path.join(values.out, `${audit.article.slug}-audit.${format}`)
    fs.writeFileSync(file, text)
    console.log(`${file}: ${audit.entries.length} transitions`)
  }
} catch (error) {
  failed = true
  console.error(error instanceof DomainError ? `${error.code}: ${error.message}` : error)
} finally {
  await payload.destroy()
}
process.exit(failed ? 1 : 0)
