import { createHash, randomBytes } from 'node:crypto'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** What the admin build is made from: a change to any of these needs a new `next build`. */
const BUILD_INPUTS = ['src', 'collections', 'translations', 'next.config.mjs', 'tsconfig.json', 'package-lock.json']
const STAMP_NAME = 'vitalpress-build.json'
/** A lock older than this is left over from a build that died, and is broken. */
const STALE_LOCK_MS = 15 * 60 * 1000

export function distDir(env = process.env) {
  return env.NEXT_DIST_DIR || '.next'
}

function* filesUnder(entry) {
  if (!fs.existsSync(entry)) return
  const stat = fs.statSync(entry)
  if (stat.isFile()) {
    yield entry
    return
  }
  for (const child of fs.readdirSync(entry).sort()) {
    if (child === 'node_modules' || child.startsWith('.')) continue
    yield* filesUnder(path.join(entry, child))
  }
}

/** A fingerprint of every build input, so a start after no change reuses the build. */
export function buildInputsHash(root = process.cwd()) {
  const hash = createHash('sha256')
  for (const input of BUILD_INPUTS) {
    for (const file of filesUnder(path.join(root, input))) {
      hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0')
    }
  }
  return hash.digest('hex')
}

/**
 * Whether the build can be used as it is: made from the current inputs, or made earlier in the
 * same run (`runId`), so a test run never rebuilds under servers it already started.
 */
export function buildIsCurrent(root = process.cwd(), env = process.env, runId = undefined) {
  const stamp = path.join(root, distDir(env), STAMP_NAME)
  if (!fs.existsSync(path.join(root, distDir(env), 'BUILD_ID')) || !fs.existsSync(stamp)) return false
  try {
    const recorded = JSON.parse(fs.readFileSync(stamp, 'utf8'))
    return (runId !== undefined && recorded.runId === runId) || recorded.inputs === buildInputsHash(root)
  } catch {
    return false
  }
}

/** Runs a command, streaming its output, and rejects with its exit code when it fails. */
export function run(command, args, { env = process.env, cwd = process.cwd(), quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
    let output = ''
    if (quiet) {
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
    }
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output)
      else reject(Object.assign(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n${output.slice(-4000)}`), { code: 'COMMAND_FAILED' }))
    })
  })
}

const bin = (name, root) => path.join(root, 'node_modules', '.bin', name)

/** Builds the admin and API (`next build`) unless the last build was made from the same inputs. */
async function withLock(lockDir, work) {
  for (;;) {
    try {
      fs.mkdirSync(lockDir)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs
      if (age > STALE_LOCK_MS) fs.rmSync(lockDir, { recursive: true, force: true })
      else await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  try {
    return await work()
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true })
  }
}

/**
 * Builds the admin and API (`next build`) unless the last build was made from the same inputs.
 * Concurrent callers (parallel test workers, say) wait for one build instead of racing.
 */
export async function ensureBuild({ root = process.cwd(), env = process.env, quiet = false, log = console.log, runId = undefined } = {}) {
  const dist = distDir(env)
  if (buildIsCurrent(root, env, runId)) {
    log(`Build: up to date, reusing ${dist}`)
    return { built: false }
  }
  return withLock(path.join(root, `${dist}.build-lock`), async () => {
    if (buildIsCurrent(root, env, runId)) return { built: false }
    const started = Date.now()
    log('Build: building the admin UI and API (next build); this takes a minute or two the first time…')
    const inputs = buildInputsHash(root)
    await run(bin('next', root), ['build'], {
      cwd: root,
      env: { ...env, NODE_ENV: 'production', NODE_OPTIONS: '--no-deprecation', NEXT_TELEMETRY_DISABLED: '1' },
      quiet,
    })
    fs.writeFileSync(path.join(root, dist, STAMP_NAME), JSON.stringify({ inputs, runId, builtAt: new Date().toISOString() }))
    log(`Build: done in ${Math.round((Date.now() - started) / 1000)} s`)
    return { built: true }
  })
}

/**
 * The secret for the embedded default: `PAYLOAD_SECRET` when set, else one made at random on first
 * start and kept in the data folder, so sessions survive restarts and no shared default is used.
 */
export function embeddedSecret(dataDir, env = process.env) {
  if (env.PAYLOAD_SECRET) return env.PAYLOAD_SECRET
  const file = path.join(dataDir, 'payload-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return fs.readFileSync(file, 'utf8').trim()
}
