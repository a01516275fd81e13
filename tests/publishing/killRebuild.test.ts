import { spawn } from 'node:child_process'
import path from 'node:path'
import type { Payload } from 'payload'

import { growCorpus } from '../../bench/corpus'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { SCRIPT_NODE_OPTIONS } from '../support/cli'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { readTree, treeProblems } from './support'

const TRIALS = 10

let library: TestLibrary
let payload: Payload

interface RebuildRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  output: string
  /** From the first progress line to the end: the part of the run that reads, renders and writes. */
  publishingMs: number
}

/**
 * Runs `publish:all` as its own process, as an operator would; with `killAfterMs` the whole
 * process group gets SIGKILL that long after the rebuild reports its first progress.
 */
function rebuild(publishDir: string, killAfterMs?: number): Promise<RebuildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', 'scripts/publish-all.ts'], {
      cwd: process.cwd(),
      env: { ...process.env, ...library.env, PUBLISH_DIR: publishDir, NODE_OPTIONS: SCRIPT_NODE_OPTIONS },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    let output = ''
    let armed = false
    let publishingFrom = 0
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString()
      if (!armed && output.includes('Publishing |')) {
        armed = true
        publishingFrom = Date.now()
        if (killAfterMs === undefined) return
        setTimeout(() => {
          // The run may have finished by then; there is nothing left to kill.
          if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL')
        }, killAfterMs)
      }
    }
    child.stdout.on('data', onOutput)
    child.stderr.on('data', onOutput)
    child.on('error', reject)
    child.on('exit', (exitCode, signal) => resolve({ exitCode, signal, output, publishingMs: publishingFrom ? Date.now() - publishingFrom : 0 }))
  })
}

beforeAll(async () => {
  library = await startPayload('publishing-kill')
  payload = library.payload
  await seedLibrary(payload)
  await growCorpus(payload, { articles: 120, doctors: 40, specialties: 4 })
})

afterAll(async () => {
  await stopPayload(library)
})

describe('a rebuild killed at random moments', () => {
  it(`when publish:all is killed with SIGKILL ${TRIALS} times, then every file present is whole and valid, and a rerun leaves the tree of an uninterrupted rebuild`, async () => {
    const reference = path.join(library.dir, 'reference')
    const clean = await rebuild(reference)
    expect({ exitCode: clean.exitCode, output: clean.exitCode === 0 ? '' : clean.output }).toEqual({ exitCode: 0, output: '' })
    const referenceTree = readTree(reference)
    expect(referenceTree.size).toBeGreaterThan(360)

    const trial = path.join(library.dir, 'trial')
    // A run that finishes before its kill time proves less, so runs go on until TRIALS were killed.
    let killed = 0
    for (let run = 0; killed < TRIALS && run < TRIALS * 3; run += 1) {
      // Anywhere in the publishing part of a run, which later runs shorten by skipping unchanged files.
      const trialRun = await rebuild(trial, Math.floor(Math.random() * clean.publishingMs * 0.6))
      if (trialRun.signal === 'SIGKILL') killed += 1
      expect(treeProblems(trial)).toEqual([])
    }
    expect(killed).toBe(TRIALS)

    const rerun = await rebuild(trial)
    expect({ exitCode: rerun.exitCode, output: rerun.exitCode === 0 ? '' : rerun.output }).toEqual({ exitCode: 0, output: '' })
    const trialTree = readTree(trial)
    expect([...trialTree.keys()].sort()).toEqual([...referenceTree.keys()].sort())
    for (const [relative, bytes] of referenceTree) expect({ relative, same: bytes.equals(trialTree.get(relative)!) }).toEqual({ relative, same: true })
  }, 600_000)
})
