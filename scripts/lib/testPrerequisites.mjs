/*
 * What the test suite drives besides Node: a Chromium for the admin UI, docker-compose to check
 * the compose file, fonts with Devanagari and Tamil so the admin screenshots are legible, and
 * openssl, which makes the certificates of the test's Amazon SNS (Node cannot write X.509).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Chromium builds that Playwright installs, newest revision first. */
function playwrightChromiums(env) {
  const caches = [env.PLAYWRIGHT_BROWSERS_PATH, path.join(os.homedir(), '.cache', 'ms-playwright'), path.join(os.homedir(), 'Library', 'Caches', 'ms-playwright')].filter(Boolean)
  const binaries = ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium', 'chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium']
  const found = []
  for (const cache of caches) {
    let builds = []
    try {
      builds = fs.readdirSync(cache).filter((name) => /^chromium-\d+$/.test(name))
    } catch {
      continue
    }
    builds.sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]))
    for (const build of builds) for (const binary of binaries) found.push(path.join(cache, build, binary))
  }
  return found
}

/** Where a Chromium may be, in the order the suite prefers: the one named, Debian's, Playwright's, Google Chrome. */
export function chromiumCandidates(env = process.env) {
  if (env.CHROMIUM_PATH) return [env.CHROMIUM_PATH]
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    ...playwrightChromiums(env),
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ]
}

const executable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

const runs = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0
const hasFontFor = (language) => {
  const list = spawnSync('fc-list', [`:lang=${language}`], { encoding: 'utf8' })
  return list.status === 0 && list.stdout.trim() !== ''
}

/**
 * The Chromium to drive and what is missing. Each missing item names its Debian package, which
 * `npm test` installs on Debian as root.
 */
export function findTestPrerequisites(env = process.env) {
  const chromium = chromiumCandidates(env).find(executable) ?? null
  const missing = []
  if (!chromium) {
    missing.push({ what: env.CHROMIUM_PATH ? `a Chromium (CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file)` : 'a Chromium', debianPackage: 'chromium' })
  }
  if (!runs('docker-compose', ['version'])) missing.push({ what: 'docker-compose', debianPackage: 'docker-compose' })
  if (!runs('openssl', ['version'])) missing.push({ what: 'openssl', debianPackage: 'openssl' })
  if (!hasFontFor('hi')) missing.push({ what: 'a Devanagari font', debianPackage: 'fonts-lohit-deva' })
  if (!hasFontFor('ta')) missing.push({ what: 'a Tamil font', debianPackage: 'fonts-lohit-taml' })
  return { chromium, missing }
}

/** The commands that install the missing items on the usual machines. */
export function installCommands(missing) {
  const debian = missing.map((item) => item.debianPackage).join(' ')
  const lines = [`  Debian or Ubuntu:  sudo apt-get install -y ${debian}`]
  const brew = []
  if (missing.some((item) => item.debianPackage === 'docker-compose')) brew.push('docker-compose')
  if (missing.some((item) => item.debianPackage.startsWith('fonts-'))) brew.push('--cask font-noto-sans-devanagari font-noto-sans-tamil')
  if (brew.length > 0) lines.push(`  macOS (Homebrew):  brew install ${brew.join(' && brew install ')}`)
  if (missing.some((item) => item.debianPackage === 'chromium')) {
    lines.push('  Any machine, for Chromium alone:  npx playwright install chromium  (or set CHROMIUM_PATH to a Chromium or Chrome binary)')
  }
  return lines.join('\n')
}
