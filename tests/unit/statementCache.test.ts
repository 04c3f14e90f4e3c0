import SQLite from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { withStatementCache } from '../../src/server/db/statementCache'

describe('prepared statement cache for the SQLite dialect', () => {
  it('reuses a statement for the same SQL, keeps answering after a schema change, and stays bounded', () => {
    const file = new SQLite(':memory:')
    const db = withStatementCache(file, 2)
    file.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
    insert.run(['a'])
    expect(db.prepare('INSERT INTO t (v) VALUES (?)')).toBe(insert)
    db.prepare('INSERT INTO t (v) VALUES (?)').run(['b'])
    file.exec('ALTER TABLE t ADD COLUMN w TEXT')
    expect(db.prepare('SELECT v FROM t ORDER BY id').all([])).toEqual([{ v: 'a' }, { v: 'b' }])
    db.prepare('SELECT 1')
    db.prepare('SELECT 2')
    // the insert was the least recently used of three with room for two: it was prepared anew
    expect(db.prepare('INSERT INTO t (v) VALUES (?)')).not.toBe(insert)
    db.close()
  })
})
