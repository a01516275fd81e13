import fs from 'node:fs'
import path from 'node:path'
import Ajv, { type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

import { DomainError, type FixedCodeErrorOptions } from '../errors/domainError'
import { readEnvironment } from '../environment/readEnvironment'
import type { FileKind } from './publishedJson'

/** The file kinds that have a schema in `schemas/`, and the shared definitions they use. */
export const SCHEMA_NAMES = [
  'common',
  'article',
  'articleIndex',
  'articleIndexShard',
  'doctorDirectory',
  'specialty',
  'specialtyArticles',
  'searchIndex',
  'searchShard',
  'manifest',
  'manifestPart',
  'changeHead',
  'changeSegment',
] as const
export type SchemaName = (typeof SCHEMA_NAMES)[number]
/** The documents checked before they are written: every published file kind but the schemas themselves. */
export type DocumentKind = Exclude<FileKind, 'schema'> | 'manifest' | 'manifestPart' | 'changeHead' | 'changeSegment'

export class PublishValidationError extends DomainError<'PUBLISH_DOCUMENT_INVALID'> {
  constructor(options: FixedCodeErrorOptions) {
    super({ ...options, code: 'PUBLISH_DOCUMENT_INVALID', status: 500 })
  }
}

/** Where the schemas live: `SCHEMAS_DIR`, else `schemas/` in the working directory. */
export function schemasDir(): string {
  return readEnvironment().publishing.schemasDir
}

export interface SchemaSet {
  /** The schema files as they are published beside the JSON (`schemas/<name>.schema.json`). */
  files: Map<SchemaName, Buffer>
  /** Throws PublishValidationError naming each problem when the document does not match its kind's schema. */
  assertValid: (kind: DocumentKind, document: unknown, where: string) => void
  validator: (kind: DocumentKind) => ValidateFunction
}

/** Loads and compiles the published-JSON schemas once; used before every write and by the tests. */
export function loadSchemas(dir: string = schemasDir()): SchemaSet {
  // Lengths are counted in UTF-16 units (`unicode: false`), never fewer than the code points the
  // schema means, so a file that passes here passes any reader's validator; counting code points
  // cost a third of the validation of a large index.
  // Ajv still honours `unicode: false` but announces it as deprecated on every compile; that one
  // notice is dropped here, every other warning passes through.
  const logger = { log: console.log, error: console.error, warn: (...args: unknown[]) => (String(args[0]).startsWith('DEPRECATED: option unicode.') ? undefined : console.warn(...args)) }
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, unicode: false, logger })
  addFormats(ajv)
  const files = new Map<SchemaName, Buffer>()
  for (const name of SCHEMA_NAMES) {
    const bytes = fs.readFileSync(path.join(dir, `${name}.schema.json`))
    files.set(name, bytes)
    ajv.addSchema(JSON.parse(bytes.toString('utf8')), `${name}.schema.json`)
  }
  const validators = new Map<string, ValidateFunction>()
  const validator = (kind: string) => {
    let validate = validators.get(kind)
    if (!validate) {
      validate = ajv.getSchema(`${kind}.schema.json`)
      if (!validate) throw new PublishValidationError({ message: `No schema for the file kind "${kind}" in ${dir}.` })
      validators.set(kind, validate)
    }
    return validate
  }
  return {
    files,
    validator,
    assertValid: (kind, document, where) => {
      const validate = validator(kind)
      if (!validate(document)) {
        const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`).join('; ')
        throw new PublishValidationError({ message: `${where} does not match schemas/${kind}.schema.json: ${problems}. Nothing was written for it.` })
      }
    },
  }
}
