import type { ChildProcess } from 'node:child_process'

export function freePort(): Promise<number>
export function spawnUntil(
  command: string,
  args: string[],
  opts: { env?: Record<string, string>; ready: RegExp; timeoutMs?: number; echo?: boolean; cwd?: string },
): Promise<{ child: ChildProcess; match: RegExpMatchArray; output: string }>
export function stopChild(child: ChildProcess | undefined, graceMs?: number): Promise<void>
export function startBuiltServer(opts: {
  root: string
  port: number
  dataDir: string
  env?: Record<string, string>
  echo?: boolean
  timeoutMs?: number
}): Promise<{ child: ChildProcess; url: string }>
export function startBuiltHost(opts: {
  root: string
  serverUrl: string
  port?: number
  dataDir: string
  echo?: boolean
}): Promise<{ child: ChildProcess; url: string }>
