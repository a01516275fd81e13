/*
 * `npm run bench:publish [-- --articles 2000 --doctors 300 --locales 3]`: builds a corpus in a
 * temporary SQLite database and measures the publishing pipeline against a baseline that reads
 * the same published documents through the Local API and writes JSON.stringify of each, with no
 * rendering. `--locales` above the product's languages adds languages for the run only (English
 * labels, served as fallbacks). The corpus is grown in processes of its own and each measurement
 * runs in a fresh process on it (bench/publishCorpus.ts, bench/publishMeasure.ts), so the peak
 * RSS reported is the publishing's. Prints a table, then one line of JSON.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

import { scaffoldLanguages } from './languages'

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const ARTICLES = option('articles', 2000)
const DOCTORS = option('doctors', 300)
/** The library a tenth the size, where one article's publish is timed first. */
const SMALL = Math.max(1, Math.round(ARTICLES / 10))
const benchStartedAt = Date.now()

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-bench-publish-'))
const LOCALES = option('locales', 0)
const env: Record<string, string> = {
  DATABASE_URI: `file:${path.join(home, 'library.db')}`,
  PUBLISH_DIR: path.join(home, 'out'),
  MEDIA_DIR: path.join(home, 'media'),
  OUTBOX_DIR: path.join(home, 'outbox'),
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  JOBS_AUTORUN: 'false',
  BENCH_HOME: home,
  BENCH_DOCTORS: String(DOCTORS),
}
if (LOCALES > 0) env.TRANSLATIONS_DIR = scaffoldLanguages(path.resolve(process.env.TRANSLATIONS_DIR ?? 'translations'), LOCALES, path.join(home, 'translations'))

/** Runs one step with `payload run` and returns the JSON it printed after `RESULT `. */
function step<Result>(script: string, extra: Record<string, string>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', script], { env: { ...process.env, ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => {
      const line = output.split('\n').find((candidate) => candidate.startsWith('RESULT '))
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as Result)
      else reject(Object.assign(new Error(`${script} failed (exit ${code}):\n${output.slice(-3000)}`), { code: 'BENCH_STEP_FAILED' }))
    })
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** `startUp 450, fullRebuild 900, …`: the measured process's peak RSS in MB after each of its phases. */
const phases = (peakAfter: Record<string, number>) => Object.entries(peakAfter).map(([name, mb]) => `${name} ${mb}`).join(', ')

type Measured = { oneArticleMs: number; peakRssMb: number; peakAfter: Record<string, number> }
type FullMeasured = Measured & { fullSeconds: number; filesWritten: number; noChangeFilesWritten: number }
type OneArticle = { firstMs: number; timings: number[]; peakRssMb: number }

/** Each library's copy of the database, so both can be published to in turn after the corpus grew. */
function copyDatabase(to: string): void {
  const from = path.join(home, 'library.db')
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(`${from}${suffix}`)) fs.copyFileSync(`${from}${suffix}`, `${to}${suffix}`)
}

/** How many times each library's one-article publishes are timed, in turns, each in a fresh process. */
const PAIRED_TURNS = 3

try {
  const smallCorpus = await step<{ peakRssMb: number }>('bench/publishCorpus.ts', { BENCH_ARTICLES: String(SMALL) })
  const small = await step<Measured>('bench/publishMeasure.ts', { BENCH_PHASE: 'small' })
  const smallDatabase = path.join(home, 'small.db')
  copyDatabase(smallDatabase)
  const fullCorpus = await step<{ peakRssMb: number }>('bench/publishCorpus.ts', { BENCH_ARTICLES: String(ARTICLES) })
  // The baseline in a process of its own, so the publishing's peak is not the baseline's.
  const base = await step<{ baselineSeconds: number; peakRssMb: number }>('bench/publishMeasure.ts', { BENCH_PHASE: 'baseline' })
  const full = await step<FullMeasured>('bench/publishMeasure.ts', { BENCH_PHASE: 'full' })
  // One article at each size, in turns a minute apart rather than ten: the machine's speed drifts
  // over a run, and the ratio should be the libraries', not the drift's.
  const paired = { small: [] as OneArticle[], full: [] as OneArticle[] }
  for (let turn = 0; turn < PAIRED_TURNS; turn += 1) {
    paired.small.push(await step<OneArticle>('bench/publishMeasure.ts', { BENCH_PHASE: 'one', BENCH_FOLDER: 'small', DATABASE_URI: `file:${smallDatabase}` }))
    paired.full.push(await step<OneArticle>('bench/publishMeasure.ts', { BENCH_PHASE: 'one', BENCH_FOLDER: 'full' }))
  }
  const pairedMs = (runs: OneArticle[]) => median(runs.flatMap((run) => run.timings))
  const firstMs = (runs: OneArticle[]) => median(runs.map((run) => run.firstMs))
  const locales = LOCALES > 0 ? LOCALES : fs.readdirSync(path.resolve('translations'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length

  const result = {
    articles: ARTICLES,
    locales,
    fullSeconds: Number(full.fullSeconds.toFixed(2)),
    baselineSeconds: Number(base.baselineSeconds.toFixed(2)),
    ratioToBaseline: Number((full.fullSeconds / base.baselineSeconds).toFixed(2)),
    smallArticles: SMALL,
    oneArticleMsSmall: Math.round(pairedMs(paired.small)),
    oneArticleMsFull: Math.round(pairedMs(paired.full)),
    oneArticleRatio: Number((pairedMs(paired.full) / pairedMs(paired.small)).toFixed(2)),
    oneArticleSamples: paired.full.flatMap((run) => run.timings).length,
    firstPublishMsSmall: Math.round(firstMs(paired.small)),
    firstPublishMsFull: Math.round(firstMs(paired.full)),
    afterRebuildMsSmall: Math.round(small.oneArticleMs),
    afterRebuildMsFull: Math.round(full.oneArticleMs),
    noChangeFilesWritten: full.noChangeFilesWritten,
    // The measured processes' peak; growing the corpus is reported apart.
    peakRssMb: Math.max(small.peakRssMb, full.peakRssMb, ...[...paired.small, ...paired.full].map((run) => run.peakRssMb)),
    baselinePeakRssMb: base.peakRssMb,
    corpusPeakRssMb: Math.max(smallCorpus.peakRssMb, fullCorpus.peakRssMb),
    benchMinutes: Number(((Date.now() - benchStartedAt) / 60_000).toFixed(1)),
  }
  const rows: [string, string][] = [
    ['articles × languages', `${ARTICLES} × ${locales} (${DOCTORS} doctors)`],
    ['full rebuild', `${result.fullSeconds} s, ${full.filesWritten} files, ${Math.round(full.filesWritten / full.fullSeconds)} files/s`],
    ['baseline (read + JSON.stringify)', `${result.baselineSeconds} s, ${ARTICLES * locales} files`],
    ['ratio to baseline', `${result.ratioToBaseline} (target ≤ 1.5)`],
    [`one article at ${SMALL}`, `${result.oneArticleMsSmall} ms (median of ${result.oneArticleSamples}, ${PAIRED_TURNS} processes taking turns with the other size)`],
    [`one article at ${ARTICLES}`, `${result.oneArticleMsFull} ms, ${result.oneArticleRatio} × at ${SMALL} (target ≤ 1.5 × and < 500 ms)`],
    ['first publish of a process', `${result.firstPublishMsSmall} ms at ${SMALL}, ${result.firstPublishMsFull} ms at ${ARTICLES} (reads the indexes back; median of ${PAIRED_TURNS})`],
    ['one article after a full rebuild', `${result.afterRebuildMsSmall} ms at ${SMALL}, ${result.afterRebuildMsFull} ms at ${ARTICLES} (same process as the rebuild, median of 9, first publish included)`],
    ['no-change republish', `${result.noChangeFilesWritten} files written (full and one article; target 0)`],
    ['peak RSS', `${result.peakRssMb} MB publishing (small ${small.peakRssMb}, full ${full.peakRssMb}; target < 1,024); baseline ${result.baselinePeakRssMb}; ${result.corpusPeakRssMb} MB growing the corpus`],
    ['peak RSS after each phase', `small: ${phases(small.peakAfter)}; full: ${phases(full.peakAfter)}`],
    ['whole benchmark', `${result.benchMinutes} min, growing the corpus included`],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'))
  console.log(JSON.stringify(result))
} finally {
  // BENCH_KEEP=1 keeps the library and its published trees, to profile a step on them afterwards.
  if (process.env.BENCH_KEEP === '1') process.stderr.write(`Kept the library in ${home}\n`)
  else fs.rmSync(home, { recursive: true, force: true })
}
process.exit(0)
