import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A stable id for this seat (installation), made on first run; the audit log records it. */
export function seatIdOf(dataDir: string): string {
  const file = join(dataDir, 'seat-id')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    const id = `seat-${randomUUID()}`
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, id)
    return id
  }
}
