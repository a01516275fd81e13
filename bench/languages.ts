import fs from 'node:fs'
import path from 'node:path'

/** Indian languages a national library adds next, in that order; a benchmark language takes the English labels. */
const NEXT_LANGUAGES: Array<{ code: string; name: string; englishName: string }> = [
  { code: 'bn', name: 'বাংলা', englishName: 'Bengali' },
  { code: 'mr', name: 'मराठी', englishName: 'Marathi' },
  { code: 'te', name: 'తెలుగు', englishName: 'Telugu' },
  { code: 'gu', name: 'ગુજરાતી', englishName: 'Gujarati' },
  { code: 'kn', name: 'ಕನ್ನಡ', englishName: 'Kannada' },
  { code: 'ml', name: 'മലയാളം', englishName: 'Malayalam' },
  { code: 'pa', name: 'ਪੰਜਾਬੀ', englishName: 'Punjabi' },
  { code: 'or', name: 'ଓଡ଼ିଆ', englishName: 'Odia' },
]

/**
 * A translations folder for one benchmark run with `count` languages: the product's own, then as
 * many of `NEXT_LANGUAGES` as it takes, each with the English labels and English as its fallback.
 * The product's folder is left as it is; the caller points `TRANSLATIONS_DIR` at the returned one.
 */
export function scaffoldLanguages(source: string, count: number, into: string): string {
  const own = fs.readdirSync(source, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
  const extra = Math.max(0, count - own.length)
  if (extra > NEXT_LANGUAGES.length) throw new Error(`--locales ${count}: the benchmark can add at most ${NEXT_LANGUAGES.length} languages to the ${own.length} of ${source}.`)
  fs.cpSync(source, into, { recursive: true })
  for (const language of NEXT_LANGUAGES.slice(0, extra)) {
    const folder = path.join(into, language.code)
    fs.cpSync(path.join(source, 'en'), folder, { recursive: true })
    fs.writeFileSync(path.join(folder, 'meta.json'), JSON.stringify({ name: language.name, englishName: language.englishName, dir: 'ltr', fallback: 'en' }))
  }
  return into
}
