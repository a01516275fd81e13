/*
 * `npm run xliff -- export --locale hi [--article <slug>] [--outdated-only] --out dir/`
 * `npm run xliff -- import file.xlf [more.xlf …] --as translator@example.org`
 * Exchanges article translations with translation tools as XLIFF 2.0 files.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import config from '@payload-config'
import { getPayload } from 'payload'

import { exportXliff } from '../src/localization/xliff/export'
import { importXliff, DEFAULT_XLIFF_MAX_BYTES } from '../src/localization/xliff/import'
import { XliffImportError } from '../src/localization/xliff/problems'
import type { User } from '../src/payload-types'

const USAGE = `Usage:
  npm run xliff -- export --locale <code> [--article <slug>] [--outdated-only] --out <folder>
  npm run xliff -- import <file.xlf> [<file.xlf> …] --as <email of the translator>`

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    locale: { type: 'string' },
    article: { type: 'string' },
    'outdated-only': { type: 'boolean', default: false },
    out: { type: 'string' },
    as: { type: 'string' },
  },
})
const [command, ...files] = positionals
if ((command !== 'export' && command !== 'import') || (command === 'export' && (!values.locale || !values.out)) || (command === 'import' && (files.length === 0 || !values.as))) {
  console.error(USAGE)
  process.exit(2)
}

const payload = await getPayload({ config })
let failed = false
try {
  if (command === 'export') {
    const articles = await payload.find({
      collection: 'articles',
      where: values.article ? { slug: { equals: values.article } } : {},
      draft: true,
      depth: 0,
      pagination: false,
      select: { slug: true },
    })
    if (articles.docs.length === 0) throw new Error(values.article ? `No article has the slug "${values.article}".` : 'There are no articles.')
    fs.mkdirSync(values.out as string, { recursive: true })
    for (const article of articles.docs) {
      const exported = await exportXliff(payload, { articleId: String(article.id), locale: values.locale as string, outdatedOnly: values['outdated-only'] })
      if (exported.units === 0) {
        console.log(`${exported.slug}: nothing to translate in ${values.locale}`)
        continue
      }
      const file = path.join(values.out as string, `${exported.slug}.${values.locale}.xlf`)
      fs.writeFileSync(file, exported.xml)
      console.log(`${file}: ${exported.units} units`)
    }
  } else {
    const found = await payload.find({ collection: 'users', where: { email: { equals: values.as } }, limit: 1, depth: 0 })
    const user = found.docs[0] as User | undefined
    if (!user) throw new Error(`No user has the email ${values.as}; import as a translator of the file's language.`)
    for (const file of files) {
      const size = fs.statSync(file).size
      if (size > DEFAULT_XLIFF_MAX_BYTES) {
        console.error(`${file}: refused, ${(size / 1048576).toFixed(1)} MB is more than an article's file may be (${DEFAULT_XLIFF_MAX_BYTES / 1048576} MB).`)
        failed = true
        continue
      }
      try {
        const result = await importXliff(payload, { xml: fs.readFileSync(file, 'utf8'), user: { ...user, collection: 'users' } as User })
        console.log(`${file}: ${result.units} units imported into ${result.locale}; the translation is now ${result.transition.status.state}.`)
      } catch (error) {
        failed = true
        if (error instanceof XliffImportError) console.error(`${file}: ${error.message}`)
        else console.error(`${file}: ${(error as { code?: string }).code ?? 'ERROR'}: ${(error as Error).message}`)
      }
    }
  }
} catch (error) {
  failed = true
  console.error((error as Error).message)
}
process.exit(failed ? 1 : 0)
