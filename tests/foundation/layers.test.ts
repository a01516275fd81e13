import fs from 'node:fs'
import path from 'node:path'

/**
 * The folders of src/ (and collections/) import one way only: each folder has a layer, and a
 * folder imports only from folders of lower layers. A new folder has to be given its layer here.
 */
const LAYERS: Record<string, number> = {
  'payload-types': 0,
  plugins: 0,
  errors: 0,
  environment: 1,
  api: 2,
  languages: 2,
  access: 2,
  content: 2,
  'admin/ui': 3,
  database: 4,
  jobs: 4,
  mail: 4,
  media: 4,
  security: 4,
  readability: 4,
  localization: 5,
  webhooks: 5,
  workflow: 6,
  publishing: 7,
  newsletter: 7,
  collections: 8,
  migrations: 8,
  seed: 8,
  dashboard: 8,
  'payload.config': 9,
  app: 9,
}

const root = process.cwd()

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(relative)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : []
  })
}

function folderOf(file: string): string {
  const parts = file.split(path.sep)
  if (parts[0] === 'collections') return 'collections'
  if (parts[1] === 'admin' && parts[2] === 'ui') return 'admin/ui'
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.tsx?$/, '')
}

interface Import {
  from: string
  to: string
}

function relativeImports(): Import[] {
  return [...sourceFiles('src'), ...sourceFiles('collections')].flatMap((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8')
    return [...text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)].map((match) => ({
      from: file,
      to: path.relative(root, path.resolve(path.dirname(path.join(root, file)), match[1])),
    }))
  })
}

const imports = relativeImports()
const crossFolder = imports.filter((edge) => folderOf(edge.from) !== folderOf(edge.to))

describe('the layers of src/', () => {
  test('when the sources are read, then every folder has a layer', () => {
    const folders = new Set([...sourceFiles('src'), ...sourceFiles('collections')].map(folderOf))
    expect([...folders].filter((folder) => !(folder in LAYERS))).toEqual([])
  })

  test('when a folder imports another, then the other sits in a lower layer', () => {
    const upward = crossFolder
      .filter((edge) => LAYERS[folderOf(edge.to)] >= LAYERS[folderOf(edge.from)])
      .map((edge) => `${edge.from} → ${edge.to} (${folderOf(edge.from)} ${LAYERS[folderOf(edge.from)]} → ${folderOf(edge.to)} ${LAYERS[folderOf(edge.to)]})`)
    expect(upward).toEqual([])
  })

  test('when two folders import each other, then that is reported (none do)', () => {
    const pairs = new Set(crossFolder.map((edge) => `${folderOf(edge.from)} → ${folderOf(edge.to)}`))
    const twoWay = [...pairs].filter((pair) => {
      const [a, b] = pair.split(' → ')
      return pairs.has(`${b} → ${a}`)
    })
    expect(twoWay).toEqual([])
  })

  test('when a collection file is read, then it imports no hook, endpoint, task or plugin of a concern', () => {
    const wiring = imports
      .filter((edge) => edge.from.startsWith('collections'))
      .filter((edge) => /(^|\/)(hooks|endpoints?|tasks|jobs|plugin|redeliver)(\/|$|\.)/.test(edge.to))
      .map((edge) => `${edge.from} → ${edge.to}`)
    expect(wiring).toEqual([])
  })

  test('when the check reads the sources, then it sees the imports it judges', () => {
    expect(crossFolder.length).toBeGreaterThan(100)
    expect(crossFolder.some((edge) => edge.from === path.join('src', 'payload.config.ts') && folderOf(edge.to) === 'workflow')).toBe(true)
  })
})
