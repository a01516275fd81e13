/*
 * `npm test`: makes sure this machine has what the suite drives (a Chromium for the admin tests,
 * docker-compose to check the compose file, Hindi and Tamil fonts for legible screenshots), then
 * runs jest with the options the product's code needs. Arguments are handed to jest.
 *
 * On Debian as root, missing packages are installed from Debian's archive; anywhere else the run
 * stops before any test with the command that installs them, so no test is skipped for want of them.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { splitSuite, workersFor } from './lib/testPlan.mjs'
import { findTestPrerequisites, installCommands } from './lib/testPrerequisites.mjs'

const root = process.cwd()

function installFromDebian(packages) {
  console.log(`Installing what the tests drive from Debian's archive: ${packages.join(' ')} (apt-get, once per machine).`)
  const log = path.join(os.tmpdir(), `vitalpress-test-packages-${process.pid}.log`)
  const out = fs.openSync(log, 'w')
  const apt = (args) =>
    spawnSync('apt-get', args, { stdio: ['ignore', out, out], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  const update = apt(['update'])
  const install = update.status === 0 ? apt(['install', '-y', '--no-install-recommends', ...packages]) : update
  fs.closeSync(out)
  if (install.status !== 0) {
    const tail = fs.readFileSync(log, 'utf8').trim().split('\n').slice(-15).join('\n')
    console.error(`apt-get could not install ${packages.join(' ')} (exit ${install.status ?? install.error?.message}); its last lines (whole log in ${log}):\n${tail}`)
    process.exit(1)
  }
}

let found = findTestPrerequisites()
if (found.missing.length > 0) {
  const debianRoot = fs.existsSync('/etc/debian_version') && process.getuid?.() === 0
  if (!debianRoot) {
    console.error(
      `The tests drive ${found.missing.map((item) => item.what).join(', ')}, which this machine lacks. Install them, then run npm test again:\n` +
        installCommands(found.missing),
    )
    process.exit(1)
  }
  installFromDebian(found.missing.map((item) => item.debianPackage))
  found = findTestPrerequisites()
  if (found.missing.length > 0) {
    console.error(`Still missing after installing: ${found.missing.map((item) => item.what).join(', ')}.\n${installCommands(found.missing)}`)
    process.exit(1)
  }
}

// Every library, outbox and browser profile of the run lives in one folder, removed when the run
// passes and kept for inspection when it fails (or when KEEP_TEST_FILES is set).
const runFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-test-run-'))
const env = {
  ...process.env,
  TMPDIR: runFolder,
  CHROMIUM_PATH: found.chromium,
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules --disable-warning=ExperimentalWarning --no-deprecation --conditions=production'].filter(Boolean).join(' '),
}
// jest's transform cache stays where jest keeps it between runs.
const cacheDirectory = path.join(os.tmpdir(), `jest_${process.getuid?.() ?? 'cache'}`)
let current = null
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => current?.kill(signal))

/** One jest run with these arguments; resolves to its exit status. */
function runJest(args) {
  return new Promise((resolve) => {
    current = spawn(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), `--cacheDirectory=${cacheDirectory}`, ...args], { cwd: root, env, stdio: 'inherit' })
    current.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const escape = (file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const args = process.argv.slice(2)
let status
if (args.length > 0) {
  // Files, patterns or options of one's own: one jest run, as asked.
  status = await runJest(args)
} else {
  // The whole suite: every file that does not drive Chromium with a worker per core, then the
  // browser flows one at a time with the machine to themselves.
  const { browser } = splitSuite(root)
  const workers = workersFor(process.env)
  console.log(`The suite in two parts: ${browser.length} files that drive Chromium one at a time, after the others on ${workers} worker(s) (TEST_WORKERS).`)
  const others = await runJest([`--maxWorkers=${workers}`, ...browser.map((file) => `--testPathIgnorePatterns=${escape(file)}$`)])
  const flows = browser.length > 0 ? await runJest(['--maxWorkers=1', '--runTestsByPath', ...browser]) : 0
  status = others || flows
  console.log(`Files without a browser: ${others === 0 ? 'passed' : 'FAILED'}; browser flows: ${flows === 0 ? 'passed' : 'FAILED'}.`)
}
if (status === 0 && !process.env.KEEP_TEST_FILES) fs.rmSync(runFolder, { recursive: true, force: true, maxRetries: 3 })
else console.error(`The run's temporary libraries, outboxes and logs are kept in ${runFolder}.`)
process.exit(status)
