import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

/**
 * The Node options every command-line script runs with, as in package.json: the "production"
 * export condition keeps Node 20 from leaving Lexical's top-level await unsettled.
 */
export const SCRIPT_NODE_OPTIONS = '--no-deprecation --conditions=production'

/** Starts `payload run <script>` as `npm run …` would, with the given environment on top of this one. */
export function spawnScript(script: string, args: string[], env: Record<string, string | undefined>, { stdin = 'ignore' }: { stdin?: 'ignore' | 'pipe' } = {}): ChildProcess {
  return spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'run', script, ...args], {
    env: { ...process.env, ...env, NODE_OPTIONS: SCRIPT_NODE_OPTIONS },
    stdio: [stdin, 'pipe', 'pipe'],
  })
}

export interface ScriptOutcome {
  code: number | null
  signal: NodeJS.Signals | null
  output: string
  elapsedMs: number
}

/**
 * Runs a script to its end and gives its exit code and everything it printed; `input` is written
 * to its standard input, as a mail server's pipe alias hands over a message.
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>, { input }: { input?: string } = {}): Promise<ScriptOutcome> {
  const started = Date.now()
  const child = spawnScript(script, args, env, { stdin: input === undefined ? 'ignore' : 'pipe' })
  child.stdin?.end(input)
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output, elapsedMs: Date.now() - started })))
}
