import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { growCorpus } from '../../bench/corpus'
import { seedLibrary } from '../../src/seed/seedLibrary'
import { SCRIPT_NODE_OPTIONS } from '../support/cli'
import { startPayload, stopPayload, type TestLibrary } from '../support/payload'
import { feedHead, isManifestFile, libraryFiles, readTree, replayOnto, treeDifferences, treeProblems, withoutChangeFeed } from './support'

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

interface Kill {
  /** SIGKILL this long after the rebuild reports its first progress. */
  afterMs?: number
  /** SIGKILL as soon as this holds, asked every few milliseconds once the rebuild reports progress. */
  when?: () => boolean
}

/** A site's copy of a tree's library files, taken when the tree's change feed stood at `sequence`. */
interface SiteCopy {
  sequence: number
  files: Map<string, Buffer>
}

const copyOf = (root: string): SiteCopy => ({ sequence: feedHead(root), files: libraryFiles(readTree(root)) })

/** The copies that replaying the feed of `root` does not bring to the tree's library files, with what differs. */
function replayFailures(root: string, copies: SiteCopy[]): { sequence: number; mismatches: string[]; differences: string[] }[] {
  const tree = libraryFiles(readTree(root))
  return copies
    .map((copy) => {
      const replayed = replayOnto(copy.files, root, copy.sequence)
      return { sequence: copy.sequence, mismatches: replayed.mismatches, differences: treeDifferences(tree, replayed.files) }
    })
    .filter((failure) => failure.mismatches.length > 0 || failure.differences.length > 0)
}

/**
 * Runs `publish:all` as its own process, as an operator would; with a kill the whole process
 * group gets SIGKILL at the moment it names.
 */
function rebuild(publishDir: string, kill: Kill = {}): Promise<RebuildRun> {
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
        // The run may have finished by then; there is nothing left to kill.
        const killNow = () => child.exitCode === null && child.pid && process.kill(-child.pid, 'SIGKILL')
        if (kill.afterMs !== undefined) setTimeout(killNow, kill.afterMs)
        const when = kill.when
        if (when) {
          const poll = setInterval(() => {
            if (child.exitCode !== null) clearInterval(poll)
            else if (when()) {
              clearInterval(poll)
              killNow()
            }
          }, 5)
        }
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
    // Copies a site took of the trial tree after each killed run, to replay the feed onto.
    const copies: SiteCopy[] = [copyOf(trial)]
    // A run that finishes before its kill time proves less, so runs go on until TRIALS were killed.
    let killed = 0
    for (let run = 0; killed < TRIALS && run < TRIALS * 3; run += 1) {
      // Anywhere in the publishing part of a run, which later runs shorten by skipping unchanged files.
      const trialRun = await rebuild(trial, { afterMs: Math.floor(Math.random() * clean.publishingMs * 0.6) })
      if (trialRun.signal === 'SIGKILL') killed += 1
      expect(treeProblems(trial)).toEqual([])
      copies.push(copyOf(trial))
    }
    expect(killed).toBe(TRIALS)

    const rerun = await rebuild(trial)
    expect({ exitCode: rerun.exitCode, output: rerun.exitCode === 0 ? '' : rerun.output }).toEqual({ exitCode: 0, output: '' })
    // The feeds differ: the trial's records every killed run's writes again.
    const trialTree = withoutChangeFeed(readTree(trial))
    const referenceLibrary = withoutChangeFeed(referenceTree)
    expect([...trialTree.keys()].sort()).toEqual([...referenceLibrary.keys()].sort())
    for (const [relative, bytes] of referenceLibrary) expect({ relative, same: bytes.equals(trialTree.get(relative)!) }).toEqual({ relative, same: true })
    expect(replayFailures(trial, copies)).toEqual([])
  }, 600_000)

  it('when a rebuild is killed after writing changed files but before its manifest, then the next run records them and a site replaying the feed from before ends with the tree', async () => {
    const tree = path.join(library.dir, 'killed-before-manifest')
    const first = await rebuild(tree)
    expect(first.exitCode).toBe(0)
    const copies: SiteCopy[] = [copyOf(tree)]
    // The manifest's files: manifest.json and its parts.
    const manifest = () => Buffer.concat([...readTree(tree)].filter(([relative]) => isManifestFile(relative)).flatMap(([relative, bytes]) => [Buffer.from(relative), bytes]))

    // Every article features doctors, so renaming them all changes every article file.
    const doctors = (await payload.find({ collection: 'doctors', pagination: false, depth: 0, select: { name: true } })).docs
    for (const doctor of doctors) await payload.update({ collection: 'doctors', id: doctor.id, data: { name: `${doctor.name} (renamed)` }, context: { seeding: true } })
    const articles = path.join(tree, 'en', 'articles')
    const articleFiles = () => fs.readdirSync(articles).filter((name) => name.endsWith('.json'))
    const before = new Map(articleFiles().map((name) => [name, fs.readFileSync(path.join(articles, name))]))
    const someArticleRewritten = () => articleFiles().some((name) => !fs.readFileSync(path.join(articles, name)).equals(before.get(name) ?? Buffer.alloc(0)))
    const manifestBefore = manifest()

    const killedRun = await rebuild(tree, { when: someArticleRewritten })

    expect(killedRun.signal).toBe('SIGKILL')
    expect(someArticleRewritten()).toBe(true)
    expect(manifest().equals(manifestBefore)).toBe(true)
    copies.push(copyOf(tree))
    const rerun = await rebuild(tree)
    expect(rerun.exitCode).toBe(0)
    expect(treeProblems(tree)).toEqual([])
    expect(replayFailures(tree, copies)).toEqual([])
  }, 300_000)
})
