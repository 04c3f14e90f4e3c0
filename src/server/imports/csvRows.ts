import { parse } from 'csv-parse/sync'
import { ApiFailure } from '../../shared/api/errors'

/**
 * Parses CSV text (UTF-8, optional BOM, header row) into records keyed by header, each with its
 * line number in the file, so errors can name the row a person sees in their spreadsheet.
 */
export function csvRows(text: string, required: readonly string[]): { line: number; record: Record<string, string> }[] {
  let records: { record: Record<string, string>; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
    })
  } catch (err) {
    throw new ApiFailure({
      code: 'SCHEMA',
      field: 'csv',
      message: `the file is not valid CSV: ${(err as Error).message}`,
    })
  }
  const header = Object.keys(records[0]?.record ?? {})
  const missing = required.filter((c) => records.length > 0 && !header.includes(c))
  if (missing.length) {
    throw new ApiFailure({ code: 'SCHEMA', field: 'csv', message: `missing column(s): ${missing.join(', ')}` })
  }
  return records.map((r) => ({ line: r.info.lines, record: r.record }))
}
