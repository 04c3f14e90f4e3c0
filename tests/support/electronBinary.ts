import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './stack'

/** The Electron binary if its download ever succeeded here, else the reason it is missing. */
export function electronBinary(): { path: string } | { missing: string } {
  const pkg = join(ROOT, 'node_modules/electron')
  const pathTxt = join(pkg, 'path.txt')
  if (!existsSync(pathTxt)) {
    return {
      missing: 'the Electron binary is not installed (its install script downloads it from GitHub; no internet here)',
    }
  }
  const bin = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim())
  if (!existsSync(bin)) return { missing: `Electron binary listed in path.txt is absent: ${bin}` }
  if (process.platform === 'linux' && !process.env.DISPLAY) {
    return { missing: 'no DISPLAY for an Electron window (run under xvfb-run)' }
  }
  return { path: bin }
}
