import type { Session } from 'sip.js'
import type { MediaCounters } from './softPhone'

/** The WebRTC side of a sip.js session: its peer connection, tracks and counters. */
export function peerOf(session: Session): RTCPeerConnection | null {
  const sdh = session.sessionDescriptionHandler as { peerConnection?: RTCPeerConnection } | undefined
  return sdh?.peerConnection ?? null
}

export function remoteStreamOf(session: Session): MediaStream | null {
  const sdh = session.sessionDescriptionHandler as { remoteMediaStream?: MediaStream } | undefined
  return sdh?.remoteMediaStream ?? null
}

/** microphone on or off; the track keeps running so un-muting is instant */
export function setMicEnabled(session: Session, enabled: boolean): void {
  for (const sender of peerOf(session)?.getSenders() ?? []) if (sender.track) sender.track.enabled = enabled
}

/**
 * While on hold the microphone track is taken off the sender: a disabled track would still send
 * RTP (encoded silence), so the far end would keep receiving packets. Returns what to put back.
 */
export async function detachMic(session: Session): Promise<MediaStreamTrack[]> {
  const tracks: MediaStreamTrack[] = []
  for (const sender of peerOf(session)?.getSenders() ?? []) {
    if (!sender.track) continue
    tracks.push(sender.track)
    await sender.replaceTrack(null)
  }
  return tracks
}

export async function attachMic(session: Session, tracks: MediaStreamTrack[]): Promise<void> {
  const senders = peerOf(session)?.getSenders() ?? []
  for (const [i, track] of tracks.entries()) await senders[i]?.replaceTrack(track)
}

export async function countersOf(session: Session): Promise<MediaCounters> {
  const counters: MediaCounters = { packetsReceived: 0, packetsSent: 0 }
  const pc = peerOf(session)
  if (!pc) return counters
  ;(await pc.getStats()).forEach((s: { type: string; packetsReceived?: number; packetsSent?: number }) => {
    if (s.type === 'inbound-rtp') counters.packetsReceived += s.packetsReceived ?? 0
    if (s.type === 'outbound-rtp') counters.packetsSent += s.packetsSent ?? 0
  })
  return counters
}
