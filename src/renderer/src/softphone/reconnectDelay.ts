/** 1 s, 2 s, 4 s … capped at 30 s, so a restarted SIP server is found again within seconds. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1))
}
