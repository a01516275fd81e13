import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

import { ensureBuild } from '../../scripts/lib/build.mjs'
import { temporaryLibrary, type LibraryEnvironment } from './environment'

export interface RunningServer extends LibraryEnvironment {
  baseURL: string
  /** Everything the server printed, for failure messages. */
  output: () => string
  stop: () => Promise<void>
  /** SIGKILLs the server's whole process group at once, as a crash or the OOM killer would. */
  kill: () => Promise<void>
  /** What it was started with, so a restart serves the same library. */
  extraEnv: Record<string, string>
  ready: 'answers' | 'announces'
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode} before serving:\n${output()}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs} ms:\n${output()}`)
}

/** Waits for the start script to say it is ready, without sending the server any request. */
async function waitUntilAnnounced(line: RegExp, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode} before it was ready:\n${output()}`)
    if (line.test(output())) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`The server did not print ${line} within ${timeoutMs} ms:\n${output()}`)
}

/**
 * Starts the product the way `npm start` does (same script, production build, migrations, seed)
 * on a free port of 127.0.0.1, with its own temporary database and folders.
 */
export async function startServer(name: string, extraEnv: Record<string, string> = {}, ready: 'answers' | 'announces' = 'answers'): Promise<RunningServer> {
  // The first server of a run makes the production build when it is stale; the others wait for it.
  await ensureBuild({ quiet: true, log: () => undefined, runId: process.env.VITALPRESS_TEST_RUN })
  return launch(temporaryLibrary(name), extraEnv, ready)
}

/** Starts the product again on the library of a server that stopped or was killed, as `npm start` after a crash. */
export async function restartServer(previous: RunningServer): Promise<RunningServer> {
  await previous.stop()
  return launch({ dir: previous.dir, env: previous.env }, previous.extraEnv, previous.ready)
}

async function launch(library: LibraryEnvironment, extraEnv: Record<string, string>, ready: 'answers' | 'announces'): Promise<RunningServer> {
  const port = await freePort()
  let log = ''
  const child = spawn(process.execPath, [path.resolve('scripts/start.mjs')], {
    cwd: process.cwd(),
    env: { ...process.env, ...library.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', NODE_OPTIONS: '', SKIP_BUILD: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const baseURL = `http://127.0.0.1:${port}`
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // The group is already gone.
    }
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
    signalGroup('SIGTERM')
    const timer = setTimeout(() => signalGroup('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
  const kill = async () => {
    if (child.pid === undefined) return
    signalGroup('SIGKILL')
    await exited
    // The group's other members (next start) die with it, but may take a moment to be reaped.
    for (let waited = 0; waited < 5000; waited += 50) {
      try {
        process.kill(-child.pid, 0)
      } catch {
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  try {
    if (ready === 'answers') await waitUntilServing(`${baseURL}/api/articles?limit=1`, child, () => log, 90_000)
    else await waitUntilAnnounced(/^Ready/m, child, () => log, 90_000)
  } catch (error) {
    await stop()
    throw error
  }
  return { ...library, baseURL, output: () => log, stop, kill, extraEnv, ready }
}
