/*
 * How `npm test` runs the whole suite on a machine of several cores: the files that drive Chromium
 * one at a time, on their own, since a browser step starved of CPU times out; every other file
 * with as many jest workers as the machine has cores (at most `TEST_WORKERS`).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const BROWSER_MODULE = path.join('tests', 'support', 'browser.ts')
const RELATIVE_IMPORT = /\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g

/** The module a relative import names, as TypeScript resolves it (`./x` → `./x.ts`, `./x/index.ts`). */
function resolveImport(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

/** Whether a test file drives Chromium: it imports the browser support module, itself or through the tests' own modules. */
export function drivesChromium(file, root = process.cwd(), seen = new Set()) {
  const absolute = path.resolve(root, file)
  if (absolute === path.resolve(root, BROWSER_MODULE)) return true
  if (seen.has(absolute) || !absolute.startsWith(path.resolve(root, 'tests') + path.sep)) return false
  seen.add(absolute)
  const source = fs.readFileSync(absolute, 'utf8')
  for (const [, specifier] of source.matchAll(RELATIVE_IMPORT)) {
    const target = resolveImport(absolute, specifier)
    if (target && drivesChromium(target, root, seen)) return true
  }
  return false
}

function testFiles(directory) {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) return testFiles(full)
    return entry.name.endsWith('.test.ts') ? [full] : []
  })
}

/** The suite's files in two parts: those that drive Chromium, and the rest; paths relative to `root`, sorted. */
export function splitSuite(root = process.cwd()) {
  const files = testFiles(path.join(root, 'tests')).map((file) => path.relative(root, file)).sort()
  const browser = files.filter((file) => drivesChromium(file, root))
  return { browser, other: files.filter((file) => !browser.includes(file)) }
}

/** Jest workers for the files that do not drive Chromium: the machine's cores, at most `TEST_WORKERS` when it is set. */
export function workersFor(env = process.env) {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length
  const limit = Number(env.TEST_WORKERS)
  return Math.max(1, Number.isInteger(limit) && limit > 0 ? Math.min(limit, cores) : cores)
}
