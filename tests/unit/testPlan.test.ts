import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { drivesChromium, splitSuite, workersFor } from '../../scripts/lib/testPlan.mjs'

describe('how npm test splits the whole suite', () => {
  it('when a file imports the browser support itself or through a support module, then it runs with the browser flows; others do not', () => {
    const { browser, other } = splitSuite()

    expect(browser).toEqual(expect.arrayContaining(['tests/admin/adminByRole.test.ts', 'tests/workflow/workflowAdmin.test.ts', 'tests/security/hostileInput.test.ts']))
    expect(other).toEqual(expect.arrayContaining(['tests/unit/testPrerequisites.test.ts', 'tests/newsletter/crashTrials.test.ts']))
    expect(browser.filter((file) => other.includes(file))).toEqual([])
  })

  it('when support modules import each other in a circle, then the search ends, and finds the browser only where a chain reaches it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vitalpress-plan-'))
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
      fs.writeFileSync(path.join(root, file), text)
    }
    write('tests/support/browser.ts', 'export const launchBrowser = 1\n')
    write('tests/area/support/a.ts', "import { b } from './b'\nexport const a = b\n")
    write('tests/area/support/b.ts', "import { a } from './a'\nimport { launchBrowser } from '../../support/browser'\nexport const b = a ?? launchBrowser\n")
    write('tests/area/support/c.ts', "import { d } from './d'\nexport const c = d\n")
    write('tests/area/support/d.ts', "import { c } from './c'\nimport fs from 'node:fs'\nexport const d = c ?? fs\n")
    write('tests/area/flow.test.ts', "import { a } from './support/a'\n")
    write('tests/area/plain.test.ts', "import { c } from './support/c'\n")

    expect(drivesChromium('tests/area/flow.test.ts', root)).toBe(true)
    expect(drivesChromium('tests/area/plain.test.ts', root)).toBe(false)
    expect(splitSuite(root)).toEqual({ browser: ['tests/area/flow.test.ts'], other: ['tests/area/plain.test.ts'] })
  })

  it('when TEST_WORKERS is set, then the other files get at most that many workers, and never more than the cores', () => {
    const cores = os.availableParallelism()

    expect(workersFor({ TEST_WORKERS: '1' })).toBe(1)
    expect(workersFor({ TEST_WORKERS: '64' })).toBe(cores)
    expect(workersFor({})).toBe(cores)
    expect(workersFor({ TEST_WORKERS: 'many' })).toBe(cores)
  })
})
