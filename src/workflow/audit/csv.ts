import { stringify } from 'csv-stringify/sync'

/**
 * CSV as RFC 4180 writes it (csv-stringify): CRLF between records, a field quoted when it holds a
 * comma, a quote or a line break, quotes inside doubled. An audit file is opened in spreadsheets,
 * which run a cell that starts with "=", "+", "-", "@", a tab or a carriage return as a formula;
 * such a text is written with an apostrophe in front (OWASP's advice on CSV injection), so a note
 * reads as written.
 */

export type CsvValue = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

/** The header and one record per row, in the order of `columns`; ends with a line break. */
export function toCsv<Row extends { [Column in Columns]: CsvValue }, Columns extends keyof Row & string>(columns: readonly Columns[], rows: readonly Row[]): string {
  return stringify(rows as unknown as Record<string, CsvValue>[], {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    cast: {
      string: (value) => (FORMULA_START.test(value) ? `'${value}` : value),
      boolean: (value) => String(value),
    },
  })
}
