/*
 * `npm start`: the product on one machine. Builds once (later starts reuse the build), applies
 * pending migrations, seeds an empty database, then serves the admin UI and API with Next.js.
 */
import path from 'node:path'

import { embeddedSecret, ensureBuild, run } from './lib/build.mjs'

const root = process.cwd()
const env = {
  ...process.env,
  NODE_ENV: 'production',
  NODE_OPTIONS: '--no-deprecation',
  NEXT_TELEMETRY_DISABLED: '1',
}
env.PAYLOAD_SECRET = embeddedSecret(path.resolve(root, 'data'), env)

const port = env.PORT || '3000'
const host = env.HOST || '0.0.0.0'

try {
  await ensureBuild({ root, env })
  await run(path.join(root, 'node_modules', '.bin', 'payload'), ['run', 'scripts/prepare.ts'], { cwd: root, env })
} catch (error) {
  console.error(error.message)
  process.exit(1)
}

console.log(`Serving the admin at http://localhost:${port}/admin and the API at http://localhost:${port}/api`)
const server = await import('node:child_process').then(({ spawn }) =>
  spawn(path.join(root, 'node_modules', '.bin', 'next'), ['start', '-p', port, '-H', host], { cwd: root, env, stdio: 'inherit' }),
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
