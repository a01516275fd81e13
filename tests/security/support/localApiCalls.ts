import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/** Local API operations that check access when asked to, and skip it by default. */
export const ACCESS_CHECKED_OPERATIONS = new Set([
  'count',
  'countGlobalVersions',
  'countVersions',
  'create',
  'delete',
  'duplicate',
  'find',
  'findByID',
  'findDistinct',
  'findGlobal',
  'findGlobalVersionByID',
  'findGlobalVersions',
  'findVersionByID',
  'findVersions',
  'restoreGlobalVersion',
  'restoreVersion',
  'unlock',
  'update',
  'updateGlobal',
])

/** One Local API call as written in the source. */
export interface LocalApiCall {
  /** Path from the project root, with forward slashes. */
  file: string
  line: number
  operation: string
  /** The named function (or method) the call is written in, or `(module)`. */
  within: string
  /** `false`, `true`, another expression's text, or null when the call does not say. */
  overrideAccess: string | null
  /** Whether the call names the person (`user`) or the request that carries them (`req`). */
  actsForSomeone: boolean
  /** The first argument is not an object literal, so what it passes cannot be read here. */
  opaqueArguments: boolean
}

/** `payload.find(…)`, `req.payload.find(…)`, `this.payload.find(…)`: a call on a Payload instance. */
function isPayloadReceiver(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'payload'
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text === 'payload'
  return false
}

function enclosingName(node: ts.Node): string {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if ((ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) && current.name) return current.name.getText()
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && current.parent) {
      const holder = current.parent
      if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text
      if (ts.isPropertyAssignment(holder)) {
        const owner = holder.parent.parent
        if (ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name)) return owner.name.text
      }
    }
    // A handler inside a declared endpoint (`const redeliverEndpoint = defineEndpoint({ handler })`) is named by the endpoint.
    if (ts.isVariableDeclaration(current) && ts.isIdentifier(current.name) && ts.isSourceFile(current.parent.parent.parent)) return current.name.text
  }
  return '(module)'
}

function propertyNamed(literal: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return literal.properties.find((property) => property.name && ts.isIdentifier(property.name) && property.name.text === name)
}

/** The Local API calls written in one source text; `file` is the name reported for them. */
export function localApiCallsInSource(text: string, file: string): LocalApiCall[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: LocalApiCall[] = []
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ACCESS_CHECKED_OPERATIONS.has(node.expression.name.text) &&
      isPayloadReceiver(node.expression.expression)
    ) {
      const argument = node.arguments[0]
      const literal = argument && ts.isObjectLiteralExpression(argument) ? argument : null
      const override = literal ? propertyNamed(literal, 'overrideAccess') : undefined
      found.push({
        file,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        operation: node.expression.name.text,
        within: enclosingName(node),
        overrideAccess: override && ts.isPropertyAssignment(override) ? override.initializer.getText() : override ? 'shorthand' : null,
        actsForSomeone: Boolean(literal && (propertyNamed(literal, 'user') || propertyNamed(literal, 'req'))),
        opaqueArguments: !literal || literal.properties.some((property) => ts.isSpreadAssignment(property) && !propertyNamed(literal, 'overrideAccess')),
      })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

function* sourceFiles(directory: string): Generator<string> {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(full)
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full
  }
}

/** Every Local API call in the given folders of the project, in file and line order. */
export function findLocalApiCalls(root: string, folders: string[], skip: (file: string) => boolean): LocalApiCall[] {
  const calls: LocalApiCall[] = []
  for (const folder of folders) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const relative = path.relative(root, file).split(path.sep).join('/')
      if (!skip(relative)) calls.push(...localApiCallsInSource(fs.readFileSync(file, 'utf8'), relative))
    }
  }
  return calls
}
