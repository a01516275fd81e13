/**
 * CSV as RFC 4180 writes it: CRLF between records, a field quoted when it holds a comma, a quote
 * or a line break, quotes inside doubled. An audit file is opened in spreadsheets, which run a
 * cell that starts with "=", "+", "-", "@", a tab or a carriage return as a formula; such a text is
 * written with an apostrophe in front (OWASP's advice on CSV injection), so a note reads as written.
 */

export type CsvValue = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The header and one record per row, in the order of `columns`; ends with a line break. */
export function toCsv<Row extends { [Column in Columns]: CsvValue }, Columns extends keyof Row & string>(columns: readonly Columns[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => cell(column)), ...rows.map((row) => columns.map((column) => cell(row[column])))]
  return lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n'
}
