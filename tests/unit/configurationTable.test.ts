import fs from 'node:fs'

import { ENVIRONMENT_VARIABLES } from '../../src/environment/catalogue'

interface Row {
  variable: string
  shownDefault: string
  /** The `###` heading the row's table sits under. */
  table: string
}

/** The rows of every table in the README's "Configuration" section. */
function configurationRows(): Row[] {
  const readme = fs.readFileSync('README.md', 'utf8')
  const start = readme.indexOf('\n## Configuration\n')
  const end = readme.indexOf('\n## ', start + 1)
  expect(start).toBeGreaterThan(-1)
  const rows: Row[] = []
  let table = ''
  for (const line of readme.slice(start, end).split('\n')) {
    if (line.startsWith('### ')) table = line.slice(4)
    const cells = line.startsWith('| `') ? line.split('|').slice(1, -1).map((cell) => cell.trim()) : null
    if (cells) rows.push({ variable: cells[0].replace(/`/g, ''), shownDefault: cells[1], table })
  }
  return rows
}

/** Read by `npm start` before the product's TypeScript loads: these read the environment themselves. */
const START_SCRIPTS = ['scripts/start.mjs', 'scripts/lib/build.mjs', 'next.config.mjs']
const SCRIPTS_TABLE = 'Read by `npm start` itself'

describe("the README's configuration table", () => {
  const rows = configurationRows()
  const productRows = rows.filter((row) => row.table !== SCRIPTS_TABLE)
  const declared = Object.entries(ENVIRONMENT_VARIABLES)

  it('when the configuration module reads a variable, then the table has one row for it', () => {
    const documented = productRows.map((row) => row.variable)

    expect(declared.map(([name]) => name).filter((name) => !documented.includes(name))).toEqual([])
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([])
  })

  it('when the table has a row, then the configuration module reads that variable', () => {
    expect(productRows.map((row) => row.variable).filter((name) => !(name in ENVIRONMENT_VARIABLES))).toEqual([])
  })

  it.each(declared)('when %s has a default, then the table shows that default', (name, variable) => {
    const row = productRows.find((candidate) => candidate.variable === name)
    // A literal default may carry a note, such as "`26214400` (25 MB)".
    const literal = variable.shownDefault.startsWith('`')
    const matches = row?.shownDefault === variable.shownDefault || (literal && row?.shownDefault.startsWith(`${variable.shownDefault} (`))

    expect({ name, shown: row?.shownDefault, matches }).toEqual({ name, shown: row?.shownDefault, matches: true })
  })

  it('when a row is under "Read by npm start itself", then a start script reads it and the configuration module does not', () => {
    const scripts = START_SCRIPTS.map((file) => fs.readFileSync(file, 'utf8')).join('\n')
    const scriptRows = rows.filter((row) => row.table === SCRIPTS_TABLE)

    expect(scriptRows.length).toBeGreaterThan(0)
    for (const row of scriptRows) {
      expect({ variable: row.variable, readByStartScripts: scripts.includes(`env.${row.variable}`) }).toEqual({ variable: row.variable, readByStartScripts: true })
      expect(row.variable in ENVIRONMENT_VARIABLES).toBe(false)
    }
  })
})
