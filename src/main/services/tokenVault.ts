import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { AppInfo } from '../../shared/api/console'

/** Where the refresh token lives between runs. Electron uses safeStorage; the host a 0600 file. */
export interface TokenVault {
  readonly kind: AppInfo['tokenStorage']
  load(): Promise<string | null>
  save(token: string | null): Promise<void>
  /** another secret kept the same way (same cipher, same folder), under its own file name */
  sibling(fileName: string): TokenVault
}

/** Encrypt/decrypt pair: identity for the plain-Node host, safeStorage in Electron. */
export interface Cipher {
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

export class FileTokenVault implements TokenVault {
  private readonly file: string

  constructor(
    dataDir: string,
    readonly kind: AppInfo['tokenStorage'] = 'file',
    private readonly cipher: Cipher = {
      encrypt: (s) => Buffer.from(s, 'utf8'),
      decrypt: (b) => b.toString('utf8'),
    },
    fileName = 'refresh-token',
  ) {
    this.file = join(dataDir, fileName)
  }

  sibling(fileName: string): FileTokenVault {
    return new FileTokenVault(dirname(this.file), this.kind, this.cipher, fileName)
  }

  async load(): Promise<string | null> {
    try {
      return this.cipher.decrypt(await readFile(this.file))
    } catch {
      return null
    }
  }

  async save(token: string | null): Promise<void> {
    if (token === null) {
      await rm(this.file, { force: true })
      return
    }
    await mkdir(dirname(this.file), { recursive: true })
    await writeFile(this.file, this.cipher.encrypt(token), { mode: 0o600 })
    await chmod(this.file, 0o600)
  }
}
