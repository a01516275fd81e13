import React from 'react'

/**
 * The body of a read-only log: the sentence that says nothing matched, or the table of entries
 * under its column headings (an empty heading for a column of actions).
 */
export function LogTable({ testId, columns, empty, entries, children }: { testId: string; columns: React.ReactNode[]; empty: string; entries: number; children: React.ReactNode }) {
  if (entries === 0) return <p>{empty}</p>
  return (
    <table className="vp-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}

/** Previous and next links under a list that runs to more than one page. */
export function PageLinks({ page, totalPages, link, labels }: { page: number; totalPages: number; link: (page: number) => string; labels: { previous: string; next: string; pageOf: string } }) {
  if (totalPages <= 1) return null
  return (
    <p className="vp-actions">
      {page > 1 && <a href={link(page - 1)}>{labels.previous}</a>}
      <span>{labels.pageOf}</span>
      {page < totalPages && <a href={link(page + 1)}>{labels.next}</a>}
    </p>
  )
}
