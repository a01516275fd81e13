/*
 * `npm run language:add -- mr --name "मराठी" [--english-name Marathi] [--dir rtl] [--fallback en]`:
 * scaffolds translations/<code>/ with every label of the source language marked untranslated.
 */
import { parseArgs } from 'node:util'

import { scaffoldLanguage } from '../src/languages/scaffold'

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    'english-name': { type: 'string' },
    dir: { type: 'string' },
    fallback: { type: 'string' },
  },
})

const code = positionals[0]
if (!code || !values.name || (values.dir && values.dir !== 'ltr' && values.dir !== 'rtl')) {
  console.error('Usage: npm run language:add -- <code> --name "<name in the language>" [--english-name <name>] [--dir ltr|rtl] [--fallback en]')
  process.exit(2)
}
try {
  const scaffold = scaffoldLanguage({
    code,
    name: values.name,
    englishName: values['english-name'],
    dir: values.dir as 'ltr' | 'rtl' | undefined,
    fallback: values.fallback,
  })
  const keys = Object.values(scaffold.untranslated).reduce((sum, list) => sum + list.length, 0)
  console.log(`Added ${scaffold.folder} (${scaffold.files.join(', ')}): ${keys} labels to translate, listed under "untranslated" in meta.json.`)
  console.log('Translate the labels, remove them from "untranslated", then restart the server: the language appears in the admin and the coverage matrix.')
  process.exit(0)
} catch (error) {
  console.error(`${(error as { code?: string }).code ?? 'ERROR'}: ${(error as Error).message}`)
  process.exit(1)
}
