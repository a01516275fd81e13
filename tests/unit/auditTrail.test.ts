import type { WorkflowEvent } from '../../src/payload-types'
import { auditEntries } from '../../src/workflow/audit/auditTrail'
import { toCsv } from '../../src/workflow/audit/csv'

const event = (overrides: Partial<WorkflowEvent>): WorkflowEvent =>
  ({ id: 'e', article: 'a1', from: 'in_review', to: 'approved', createdAt: '2026-03-09T10:00:00.000Z', updatedAt: '2026-03-09T10:00:00.000Z', ...overrides }) as WorkflowEvent

describe('CSV of the audit trail', () => {
  it('when a field holds a comma, a quote or a line break, then it is quoted with quotes doubled and records end in CRLF', () => {
    const csv = toCsv(['note', 'by'], [{ note: 'Checked "dose", again\nand again', by: 'Dr. A' }])
    expect(csv).toBe('note,by\r\n"Checked ""dose"", again\nand again",Dr. A\r\n')
  })

  it('when a text starts as a spreadsheet formula would, then it is written with an apostrophe in front; numbers and empty values stay as they are', () => {
    const csv = toCsv(['note', 'revision', 'reviewer'], [{ note: '=HYPERLINK("http://x")', revision: -1, reviewer: null }])
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"")",-1,`)
    expect(toCsv(['note'], [{ note: '-5 mg less' }])).toBe("note\r\n'-5 mg less\r\n")
  })
})

describe('entries of the audit trail', () => {
  it('when events come in any order, then they are listed oldest first, by language, with the reviewer and the reference check of each approval', () => {
    const names = new Map([
      ['u1', 'Dr. Ravi Reviewer'],
      ['u2', 'Tara Translator'],
    ])
    const entries = auditEntries(
      [
        event({ id: 'b', locale: 'hi', from: 'in_progress', to: 'in_review', actor: 'u2', createdAt: '2026-03-10T00:00:00.000Z' }),
        event({ id: 'a', actor: 'u1', changeKind: 'clinical', referencesChecked: true, revision: 2, note: 'Sources current.' }),
        event({ id: 'c', from: 'approved', to: 'in_review', actor: null, createdAt: '2026-03-11T00:00:00.000Z' }),
      ],
      names,
      'en',
    )
    expect(entries).toEqual([
      { at: '2026-03-09T10:00:00.000Z', language: 'en', part: 'source', from: 'in_review', to: 'approved', by: 'Dr. Ravi Reviewer', changeKind: 'clinical', note: 'Sources current.', reviewer: 'Dr. Ravi Reviewer', referencesChecked: true, revision: 2, versionId: null },
      { at: '2026-03-10T00:00:00.000Z', language: 'hi', part: 'translation', from: 'in_progress', to: 'in_review', by: 'Tara Translator', changeKind: null, note: null, reviewer: null, referencesChecked: null, revision: null, versionId: null },
      { at: '2026-03-11T00:00:00.000Z', language: 'en', part: 'source', from: 'approved', to: 'in_review', by: null, changeKind: null, note: null, reviewer: null, referencesChecked: null, revision: null, versionId: null },
    ])
  })
})
