import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { chromiumCandidates, findTestPrerequisites, installCommands } from '../../scripts/lib/testPrerequisites.mjs'

describe('what npm test makes sure of before any test runs', () => {
  it('when CHROMIUM_PATH names a file that is not executable, then a Chromium is missing and the message names the path', () => {
    const found = findTestPrerequisites({ CHROMIUM_PATH: path.join(os.tmpdir(), 'no-such-chromium') })

    expect(found.chromium).toBeNull()
    expect(found.missing[0]).toEqual({ what: expect.stringContaining('no-such-chromium is not an executable file'), debianPackage: 'chromium' })
  })

  it('when CHROMIUM_PATH names an executable, then that one is driven and nothing else is looked at', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-chromium-'))
    const binary = path.join(dir, 'chrome')
    fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 })

    expect(chromiumCandidates({ CHROMIUM_PATH: binary })).toEqual([binary])
    expect(findTestPrerequisites({ CHROMIUM_PATH: binary }).chromium).toBe(binary)
  })

  it('when nothing names a Chromium, then Debian’s comes first, then Playwright’s builds (newest first), then Google Chrome', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-playwright-'))
    for (const build of ['chromium-1100', 'chromium-1200', 'firefox-1300']) fs.mkdirSync(path.join(cache, build))
    const candidates = chromiumCandidates({ PLAYWRIGHT_BROWSERS_PATH: cache })

    expect(candidates[0]).toBe('/usr/bin/chromium')
    expect(candidates.findIndex((file) => file.includes('chromium-1200'))).toBeLessThan(candidates.findIndex((file) => file.includes('chromium-1100')))
    expect(candidates.some((file) => file.includes('firefox'))).toBe(false)
    expect(candidates.indexOf('/usr/bin/google-chrome')).toBeGreaterThan(candidates.findIndex((file) => file.includes('chromium-1100')))
  })

  it('when things are missing on another machine, then one message gives the apt, brew and Playwright commands for exactly those', () => {
    const message = installCommands([
      { what: 'a Chromium', debianPackage: 'chromium' },
      { what: 'a Tamil font', debianPackage: 'fonts-lohit-taml' },
    ])

    expect(message).toContain('sudo apt-get install -y chromium fonts-lohit-taml')
    expect(message).toContain('brew install --cask font-noto-sans-devanagari font-noto-sans-tamil')
    expect(message).not.toContain('docker-compose')
    expect(message).toContain('npx playwright install chromium')
  })
})
