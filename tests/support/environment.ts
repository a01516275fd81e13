import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The folders and settings of one isolated library: its own database, media, outbox and output. */
export interface LibraryEnvironment {
  dir: string
  env: Record<string, string>
}

/**
 * A fresh temporary home for one test file's library. Tests run against `TEST_DATABASE_URI` when
 * it is set (a MongoDB server, say) and otherwise against a new SQLite file in the folder.
 */
export function temporaryLibrary(name: string): LibraryEnvironment {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vitalpress-${name}-`))
  const env = {
    DATABASE_URI: process.env.TEST_DATABASE_URI
      ? process.env.TEST_DATABASE_URI.replace('{name}', `${name}-${randomBytes(4).toString('hex')}`)
      : `file:${path.join(dir, 'library.db')}`,
    MEDIA_DIR: path.join(dir, 'media'),
    OUTBOX_DIR: path.join(dir, 'outbox'),
    PUBLISH_DIR: path.join(dir, 'out'),
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  }
  return { dir, env }
}

/** Applies a library's settings to this process, before the Payload config is imported. */
export function applyEnvironment(library: LibraryEnvironment): void {
  Object.assign(process.env, library.env)
}
