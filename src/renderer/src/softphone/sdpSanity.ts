/**
 * Whether an INVITE's offer is something WebRTC can answer: an SDP with a version line, an audio
 * stream and a connection address. An INVITE without a body (the offer comes in the ACK) passes.
 * A broken offer is refused at once (488) instead of ringing a call that can only fail on answer.
 */
export function offerLooksUsable(contentType: string | undefined, body: string): boolean {
  if (body.trim() === '') return true
  if (!/^application\/sdp\b/i.test(contentType?.trim() ?? '')) return false
  return /^v=0\r?$/m.test(body) && /^m=audio \d+ /m.test(body) && /^c=IN IP[46] \S+/m.test(body)
}
