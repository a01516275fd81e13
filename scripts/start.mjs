/*
 * `npm start`: the product on one machine. Builds once (later starts reuse the build), applies
 * pending migrations, seeds an empty database, then serves the admin UI and API with Next.js.
 */
import fs from 'node:fs'
import path from 'node:path'

import { distDir, embeddedSecret, ensureBuild, run } from './lib/build.mjs'

const root = process.cwd()
const env = {
  ...process.env,
  NODE_ENV: 'production',
  NODE_OPTIONS: '--no-deprecation',
  NEXT_TELEMETRY_DISABLED: '1',
}
env.PAYLOAD_SECRET = embeddedSecret(path.resolve(root, 'data'), env)
// Lexical's plain-Node entry points load their code with top-level await, which Node 20 now and
// then leaves unsettled (the process exits 13, or 0 under `payload run`, having done nothing).
// The "production" export condition resolves them to their built files directly.
const scriptEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS} --conditions=production` }

const port = env.PORT || '3000'
const host = env.HOST || '0.0.0.0'

try {
  // Migrations and the seed first: they load the configuration, so a setting it refuses stops the
  // start at once instead of after a build.
  await run(path.join(root, 'node_modules', '.bin', 'payload'), ['run', 'scripts/prepare.ts'], { cwd: root, env: scriptEnv })
  if (env.SKIP_BUILD === 'true') {
    if (!fs.existsSync(path.join(root, distDir(env), 'BUILD_ID'))) {
      throw new Error(`SKIP_BUILD is set but there is no build in ${distDir(env)}: run \`npm run build\` first, or unset SKIP_BUILD.`)
    }
  } else {
    await ensureBuild({ root, env })
  }
} catch (error) {
  console.error(error.message)
  process.exit(1)
}

console.log(`Serving the admin at http://localhost:${port}/admin and the API at http://localhost:${port}/api`)
// Idle connections stay open longer than a proxy's or a client's own idle timeout (60 s for common
// load balancers, 4 s for Node's fetch), so the client always closes first and never sends a
// request down a connection the server is closing.
const KEEP_ALIVE_MS = '65000'
const server = await import('node:child_process').then(({ spawn }) =>
  spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', port, '-H', host, '--keepAliveTimeout', KEEP_ALIVE_MS], { cwd: root, env, stdio: 'inherit' }),
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))

// Payload starts inside the server on its first request, and with it the in-process jobs queue
// (publishing, webhooks, newsletter sends). One request right away, so work queued before anyone
// visits (by the worker, the CLI or a restart) is not left waiting for a visitor.
const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
const started = Date.now()
while (server.exitCode === null && Date.now() - started < 120_000) {
  try {
    await fetch(`http://${local.includes(':') ? `[${local}]` : local}:${port}/api/users/me`)
    const queueOff = ['0', 'false', 'no', 'off'].includes(String(env.JOBS_AUTORUN ?? 'true').toLowerCase())
    console.log(queueOff ? 'Ready (JOBS_AUTORUN is off: run `npm run worker` for queued work).' : 'Ready: queued work runs in this process.')
    break
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
