// Prints fresh secrets for a multi-node site: every node must get the same values.
import { randomBytes } from 'node:crypto'

const pii = {
  current: 'k1',
  keys: { k1: randomBytes(32).toString('base64') },
  lookup: randomBytes(32).toString('base64'),
}
console.log(`export JWT_SECRET='${randomBytes(48).toString('base64url')}'`)
console.log(`export PII_KEYS='${JSON.stringify(pii)}'`)
