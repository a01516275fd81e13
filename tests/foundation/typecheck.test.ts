import { spawnSync } from 'node:child_process'
import path from 'node:path'

describe('TypeScript', () => {
  it('when the whole project is type-checked in strict mode, then there are no errors', () => {
    const result = spawnSync(path.resolve('node_modules/.bin/tsc'), ['--noEmit', '-p', '.'], { encoding: 'utf8' })

    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  }, 300_000)
})
