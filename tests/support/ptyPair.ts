import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { waitFor } from './waitFor'

/**
 * A serial scanner made of a socat pseudo-terminal pair: the app opens `appPath` through
 * serialport; the test plays the device by writing into `devicePath`. `unplug` ends socat (both
 * ends vanish); `plug` brings the pair back under the same names.
 */
export class PtyPair {
  private socat: ChildProcess | null = null
  private device: FileHandle | null = null

  constructor(
    readonly appPath: string,
    readonly devicePath: string,
  ) {}

  async plug(): Promise<void> {
    const ends = [this.appPath, this.devicePath].map((link) => `pty,raw,echo=0,link=${link}`)
    const socat = spawn('socat', ends, { stdio: 'ignore' })
    this.socat = socat
    await waitFor('socat ptys', () => existsSync(this.appPath) && existsSync(this.devicePath), 5000)
    this.device = await open(this.devicePath, 'r+')
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (!this.device) throw new Error('the pty pair is unplugged')
    await this.device.write(typeof data === 'string' ? Buffer.from(data) : data)
  }

  async unplug(): Promise<void> {
    await this.device?.close()
    this.device = null
    const socat = this.socat
    this.socat = null
    if (!socat || socat.exitCode !== null) return
    await new Promise<void>((resolve) => {
      socat.once('exit', () => resolve())
      socat.kill('SIGTERM')
    })
    await waitFor('socat links removed', () => !existsSync(this.appPath) && !existsSync(this.devicePath), 5000)
  }
}
