/** Bounded waiting for the sync bench. */

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 20) {
  const end = performance.now() + timeoutMs
  while (!(await test())) {
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}
