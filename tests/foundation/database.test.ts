import path from 'node:path'

import { chooseDatabase } from '../../src/database/adapter'
import { runScript, type ScriptOutcome } from '../support/cli'
import { temporaryLibrary } from '../support/environment'

/** Runs the start-up preparation of `npm start` against a database address, as an operator would. */
function prepareWith(databaseUri: string): Promise<ScriptOutcome> {
  const library = temporaryLibrary('database')
  return runScript('scripts/prepare.ts', [], { ...library.env, DATABASE_URI: databaseUri, LOG_LEVEL: 'info' })
}

describe('choosing the database from DATABASE_URI', () => {
  it('when the URI is a file: address, then the embedded SQLite adapter is used, with transactions', () => {
    const choice = chooseDatabase('file:./data/test.db')

    expect(choice.kind).toBe('sqlite')
    expect(choice.transactions).toBe(true)
  })

  it('when the URI names a MongoDB replica set, then MongoDB is used with transactions; without one, transactions are off', () => {
    expect(chooseDatabase('mongodb://db:27017/vitalpress?replicaSet=rs0')).toMatchObject({ kind: 'mongodb', transactions: true })
    expect(chooseDatabase('mongodb+srv://user:secret@cluster.example/vitalpress')).toMatchObject({
      kind: 'mongodb',
      transactions: false,
      safeUri: 'mongodb+srv://user:***@cluster.example/vitalpress',
    })
  })

  it('when the scheme is unknown, then the error names DATABASE_URI and every accepted form, without the password', () => {
    const attempt = () => chooseDatabase('postgres://admin:hunter2@db/vitalpress')

    expect(attempt).toThrow(expect.objectContaining({ code: 'DATABASE_URI_UNSUPPORTED' }))
    expect(attempt).toThrow(/DATABASE_URI "postgres:\/\/admin:\*\*\*@db\/vitalpress" has a scheme Vitalpress cannot use/)
    expect(attempt).toThrow(/"file:\.\/data\/vitalpress\.db".*"mongodb:\/\/.*"mongodb\+srv:\/\//)
    expect(attempt).not.toThrow(/hunter2/)
  })
})

describe('starting against a database', () => {
  it('when the embedded default starts, then one log line names the adapter and that transactions are on', async () => {
    const outcome = await prepareWith(`file:${path.join(temporaryLibrary('database').dir, 'start.db')}`)

    expect(outcome.code).toBe(0)
    expect(outcome.output).toMatch(/Database: sqlite \(file:.*start\.db\), transactions on/)
  })

  it('when DATABASE_URI has an unknown scheme, then start-up stops at once with the accepted forms', async () => {
    const outcome = await prepareWith('redis://127.0.0.1:6379')

    expect(outcome.code).toBe(1)
    expect(outcome.output).toContain('Vitalpress could not start: DATABASE_URI "redis://127.0.0.1:6379" has a scheme Vitalpress cannot use')
  })

  // The bound is the driver's server-selection timeout (7 s), well inside the 15 s the operator is
  // promised; the wall time of the whole process also holds start-up, which a busy machine stretches.
  it('when the MongoDB server cannot be reached, then start-up gives up after the 7 s connection timeout, saying to check DATABASE_URI', async () => {
    const outcome = await prepareWith('mongodb://127.0.0.1:9/vitalpress')

    expect(outcome.code).toBe(1)
    expect(outcome.output).toContain('Vitalpress could not start')
    expect(outcome.output).toContain('Check DATABASE_URI: the database it names did not answer within 7 s')
  }, 60_000)
})
