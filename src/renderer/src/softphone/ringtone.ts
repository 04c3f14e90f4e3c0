/**
 * The ringer, generated with WebAudio so no sound file ships: two short 440/480 Hz bursts every
 * three seconds, soft enough for an open-plan floor.
 */
const PATTERN_SEC = 3
const BURSTS: ReadonlyArray<[start: number, length: number]> = [
  [0, 0.4],
  [0.6, 0.4],
]
const VOLUME = 0.12

export interface Ringer {
  stop(): void
}

function schedule(ctx: AudioContext, out: AudioNode, at: number): void {
  for (const [start, length] of BURSTS) {
    const gain = ctx.createGain()
    gain.gain.setValueAtTime(0, at + start)
    gain.gain.linearRampToValueAtTime(VOLUME, at + start + 0.02)
    gain.gain.setValueAtTime(VOLUME, at + start + length - 0.02)
    gain.gain.linearRampToValueAtTime(0, at + start + length)
    gain.connect(out)
    for (const freq of [440, 480]) {
      const osc = ctx.createOscillator()
      osc.frequency.value = freq
      osc.connect(gain)
      osc.start(at + start)
      osc.stop(at + start + length)
    }
  }
}

/**
 * Starts ringing on the given output device (default: the system's). `onPlaying` says whether
 * sound is actually coming out: a browser may hold audio until the page has been used.
 */
export function startRinging(onPlaying: (playing: boolean) => void, sinkId?: string): Ringer {
  const ctx = new AudioContext()
  ctx.onstatechange = () => onPlaying(ctx.state === 'running')
  onPlaying(ctx.state === 'running')
  const withSink = ctx as AudioContext & { setSinkId?: (id: string) => Promise<void> }
  if (sinkId && withSink.setSinkId) void withSink.setSinkId(sinkId).catch(() => undefined)
  let next = ctx.currentTime + 0.05
  const tick = () => {
    // keep two patterns queued ahead so a busy main thread does not cut the ring
    while (next < ctx.currentTime + PATTERN_SEC * 2) {
      schedule(ctx, ctx.destination, next)
      next += PATTERN_SEC
    }
  }
  tick()
  const timer = setInterval(tick, 1000)
  void ctx.resume().catch(() => undefined)
  return {
    stop() {
      clearInterval(timer)
      void ctx.close().catch(() => undefined)
    },
  }
}
