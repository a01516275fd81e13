import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

import { queueOptionsFromEnv } from '../../src/jobs/options'
import { runWorker } from '../../src/jobs/worker'
import type { FileKind } from '../../src/publishing/publishedJson'
import { loadSchemas } from '../../src/publishing/schemas'

/** Every file of a published tree, by path relative to its root. */
export function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (folder: string, prefix: string) => {
    if (!fs.existsSync(folder)) return
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(path.join(folder, entry.name), relative)
      else files.set(relative, fs.readFileSync(path.join(folder, entry.name)))
    }
  }
  walk(root, '')
  return files
}

/** Modification times of every file, to prove a publish rewrote nothing. */
export function modificationTimes(root: string): Map<string, number> {
  return new Map([...readTree(root).keys()].map((relative) => [relative, fs.statSync(path.join(root, relative)).mtimeMs]))
}

export function kindOf(relative: string): Exclude<FileKind, 'schema'> | 'manifest' | 'schema' {
  if (relative === 'manifest.json') return 'manifest'
  if (relative.startsWith('schemas/')) return 'schema'
  if (relative.endsWith('/articles/index.json')) return 'articleIndex'
  if (relative.includes('/articles/')) return 'article'
  if (relative.includes('/doctors/')) return 'doctorDirectory'
  return 'specialty'
}

const schemas = loadSchemas()

/** Parses every file and validates it against its kind's schema; returns the problems found (none when valid). */
export function treeProblems(root: string): string[] {
  const problems: string[] = []
  for (const [relative, bytes] of readTree(root)) {
    let document: unknown
    try {
      document = JSON.parse(bytes.toString('utf8'))
    } catch (error) {
      problems.push(`${relative}: not JSON (${(error as Error).message})`)
      continue
    }
    const kind = kindOf(relative)
    if (kind === 'schema') continue
    const validate = schemas.validator(kind)
    if (!validate(document)) problems.push(`${relative}: ${JSON.stringify(validate.errors)}`)
  }
  return problems
}

export const readJson = <T = any>(root: string, relative: string): T => JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')) as T

/** Runs every due job of the queue in this process until none is left. */
export async function drainJobs(payload: Payload): Promise<void> {
  await runWorker(payload, { ...queueOptionsFromEnv(), batchSize: 10 }, { untilIdle: true })
}
