import { parse } from 'csv-parse/sync'
import type { z } from 'zod'
import { ApiFailure } from '../../shared/api/errors'
import type { ImportReport } from '../../shared/domain/imports'

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

/**
 * One CSV row through its shared schema and the store check: the valid row, or null with the
 * reason recorded against the row's line (imports report bad rows and keep going).
 */
export function checkedRow<S extends z.ZodType>(
  schema: S,
  { line, record }: { line: number; record: Record<string, string> },
  storeField: keyof z.output<S> & string,
  stores: ReadonlySet<string>,
  report: ImportReport,
): z.output<S> | null {
  const parsed = schema.safeParse(record)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    report.errors.push({ row: line, field: issue.path.join('.') || undefined, reason: issue.message })
    return null
  }
  const storeId = String(parsed.data[storeField])
  if (!stores.has(storeId)) {
    report.errors.push({ row: line, field: storeField, reason: `unknown store "${storeId}"` })
    return null
  }
  return parsed.data
}
