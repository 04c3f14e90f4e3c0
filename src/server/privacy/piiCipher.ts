import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

/**
 * Personal data at rest: AES-256-GCM (authenticated) with a key ring, so keys can rotate —
 * new values use the current key, old values stay readable with theirs. Lookups use a keyed
 * hash (HMAC-SHA256) with a separate key, so the database never needs the plaintext to match.
 */
export interface PiiKeys {
  /** id of the key new values are written with */
  current: string
  /** key id → 32-byte key */
  keys: Record<string, Buffer>
  /** HMAC key for lookup hashes */
  lookup: Buffer
}

export class PiiCipher {
  constructor(private readonly ring: PiiKeys) {
    if (!ring.keys[ring.current]) throw new Error(`PII key ring has no key "${ring.current}"`)
    for (const [id, key] of Object.entries(ring.keys)) {
      if (key.length !== 32) throw new Error(`PII key "${id}" must be 32 bytes`)
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`PII key id "${id}" must be URL-safe`)
    }
    if (ring.lookup.length < 32) throw new Error('lookup key must be at least 32 bytes')
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.ring.keys[this.ring.current]!, iv)
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return [
      this.ring.current,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.')
  }

  decrypt(sealed: string): string {
    const [id, iv, tag, ct] = sealed.split('.')
    const key = id ? this.ring.keys[id] : undefined
    if (!key || !iv || !tag || ct === undefined) throw new Error('malformed or unknown-key ciphertext')
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8')
  }

  /** Keyed hash of an already-normalised value (e.g. a national phone number). */
  lookupHash(normalised: string): string {
    return createHmac('sha256', this.ring.lookup).update(normalised).digest('base64url')
  }

  /** For seats: they hash caller numbers themselves to find the customer in their cache. */
  lookupKeyBase64(): string {
    return this.ring.lookup.toString('base64')
  }
}
