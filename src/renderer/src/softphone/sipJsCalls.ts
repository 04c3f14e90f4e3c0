import { Inviter, SessionState, UserAgent, type Invitation, type Notification, type Session, URI } from 'sip.js'
import type { DialTarget } from '../../../shared/softphone/dialTarget'
import type { EndReason } from '../../../shared/softphone/endedCall'
import { handoverHeaders, handoverUriHeaders, readHandover, type Handover } from '../../../shared/softphone/handover'
import { offerLooksUsable } from './sdpSanity'
import { attachMic, countersOf, detachMic, remoteStreamOf, setMicEnabled } from './sipJsMedia'
import type { CallEvent, CallInfo, MediaCounters } from './softPhone'

const AUDIO_ONLY = { constraints: { audio: true, video: false } }
const BUSY_HERE = 486
const NOT_ACCEPTABLE_HERE = 488
const DECLINE = 603
/** callee answers that mean "no" rather than "could not reach" */
const REFUSALS = new Set([486, 600, 603])

/** What this console knows about one of its calls besides the sip.js session. */
interface Leg {
  session: Session
  direction: CallInfo['direction']
  /** set when this console ends the call, so Terminated reports why */
  intent: EndReason | null
  /** the final answer to an outbound INVITE that was not accepted */
  refusal: number | null
  established: boolean
  /** the microphone while on hold (taken off the sender) */
  heldTracks: MediaStreamTrack[] | null
}

/**
 * A Refer-To target with URI headers. sip.js writes a URI target as a bare addr-spec, but a URI
 * carrying `?headers` must be a name-addr (`<…>`, RFC 3261 §20) or the far end cannot parse it.
 */
class ReferToWithHeaders extends URI {
  constructor(
    base: URI,
    private readonly nameAddr: string,
  ) {
    super(base.scheme, base.user ?? '', base.host, base.port)
  }

  override toString(): string {
    return this.nameAddr
  }
}

/** a transfer's progress as the transferee reports it (message/sipfrag NOTIFY bodies) */
function sipfragStatus(notification: Notification): number {
  const m = /^SIP\/2\.0\s+(\d{3})/.exec(notification.request.body ?? '')
  return m?.[1] ? Number(m[1]) : 0
}

/** The calls of a sip.js user agent: inbound and outbound, in-call controls and transfers. */
export class SipJsCalls {
  private readonly legs = new Map<string, Leg>()
  private readonly listeners = new Set<(e: CallEvent) => void>()
  private readonly speaker = new Audio()

  constructor(
    private readonly ua: UserAgent,
    private readonly domain: string,
  ) {
    this.speaker.autoplay = true
  }

  onCall(listener: (e: CallEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** the UserAgent's onInvite */
  offer(invitation: Invitation): void {
    const replacee = invitation.replacee
    const replaces = replacee && this.legs.has(replacee.id) ? replacee.id : null
    // one call at a time, except the caller of an attended transfer taking over our consult call
    if (this.legs.size > 0 && !replaces) {
      void invitation.reject({ statusCode: BUSY_HERE }).catch(() => undefined)
      return
    }
    const { request } = invitation
    if (!offerLooksUsable(request.getHeader('content-type'), request.body ?? '')) {
      void invitation.reject({ statusCode: NOT_ACCEPTABLE_HERE }).catch(() => undefined)
      return
    }
    const replaced = replaces ? this.legs.get(replaces) : undefined
    if (replaced) replaced.intent = 'transferred'
    this.track(invitation, 'inbound')
    const { uri, displayName } = invitation.remoteIdentity
    const handover = readHandover((name) => invitation.request.getHeader(name))
    const number = uri.user ?? ''
    this.emit({
      kind: 'ringing',
      call: { id: invitation.id, direction: 'inbound', number, displayName: displayName ?? '', handover, replaces },
    })
    // the agent already talks to this party's transferor: the caller just takes their place
    if (replaces) void invitation.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY }).catch(() => undefined)
  }

  dial(target: DialTarget, handover: Handover | null): string {
    const inviter = new Inviter(this.ua, this.uriOf(target), {
      sessionDescriptionHandlerOptions: AUDIO_ONLY,
      extraHeaders: handover ? handoverHeaders(handover) : [],
    })
    const leg = this.track(inviter, 'outbound')
    this.emit({
      kind: 'dialing',
      call: {
        id: inviter.id,
        direction: 'outbound',
        number: target.user,
        displayName: '',
        handover: null,
        replaces: null,
      },
    })
    inviter
      .invite({ requestDelegate: { onReject: (response) => (leg.refusal = response.message.statusCode ?? 0) } })
      .catch(() => {
        // no transport or a malformed target: Terminated follows and reports "failed"
        if (inviter.state === SessionState.Initial) void inviter.dispose()
      })
    return inviter.id
  }

  async answer(id: string): Promise<void> {
    const leg = this.legs.get(id)
    if (leg?.direction === 'inbound' && leg.session.state === SessionState.Initial)
      await (leg.session as Invitation).accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY })
  }

  async reject(id: string): Promise<void> {
    const leg = this.legs.get(id)
    if (leg?.direction !== 'inbound' || leg.session.state !== SessionState.Initial) return
    leg.intent = 'rejected'
    await (leg.session as Invitation).reject({ statusCode: DECLINE })
  }

  async hangUp(id: string): Promise<void> {
    const leg = this.legs.get(id)
    if (!leg) return
    leg.intent ??= 'hangup'
    const { session } = leg
    if (session.state === SessionState.Established) await session.bye()
    else if (leg.direction === 'outbound') await (session as Inviter).cancel()
    else await this.reject(id)
  }

  setMuted(id: string, muted: boolean): void {
    const leg = this.legs.get(id)
    if (leg) setMicEnabled(leg.session, !muted)
  }

  /** re-INVITE with a=sendonly (sip.js's hold offer); the far end stops sending */
  async setHeld(id: string, held: boolean): Promise<void> {
    const leg = this.legs.get(id)
    if (!leg || leg.session.state !== SessionState.Established || (leg.heldTracks !== null) === held) return
    const { session } = leg
    const options = { ...session.sessionDescriptionHandlerOptionsReInvite, hold: held }
    session.sessionDescriptionHandlerOptionsReInvite = options
    await new Promise<void>((resolve, reject) => {
      session
        .invite({
          sessionDescriptionHandlerOptions: options,
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`${r.message.statusCode} ${r.message.reasonPhrase}`)),
          },
        })
        .catch(reject)
    })
    if (held) leg.heldTracks = await detachMic(session)
    else {
      await attachMic(session, leg.heldTracks ?? [])
      leg.heldTracks = null
      this.speaker.srcObject = remoteStreamOf(session)
    }
    this.emit({ kind: 'held', id, held })
  }

  /**
   * SIP INFO (application/dtmf-relay), not RFC 4733 in RTP: Kamailio relays in-dialog INFO like
   * any request, PBX IVRs (Asterisk dtmf_mode=info/auto, FreeSWITCH) accept it, and a browser
   * far end can read it (a browser cannot observe received telephone-events).
   */
  async sendDtmf(id: string, digit: string): Promise<void> {
    const leg = this.legs.get(id)
    if (!leg || leg.session.state !== SessionState.Established || !/^[0-9*#A-D]$/.test(digit)) return
    await leg.session.info({
      requestOptions: {
        body: {
          contentDisposition: 'render',
          contentType: 'application/dtmf-relay',
          content: `Signal=${digit}\r\nDuration=160`,
        },
      },
    })
  }

  async blindTransfer(id: string, target: DialTarget, handover: Handover | null): Promise<void> {
    const leg = this.legs.get(id)
    if (!leg) return
    const base = this.uriOf(target)
    const headers = handover ? handoverUriHeaders(handover) : ''
    await this.refer(leg, headers ? new ReferToWithHeaders(base, `<${base.toString()}${headers}>`) : base)
  }

  async attendedTransfer(id: string, consultId: string): Promise<void> {
    const leg = this.legs.get(id)
    const consult = this.legs.get(consultId)
    if (!leg || !consult) return
    // the target's dialog is replaced by the caller's new call: this console's leg ends "transferred"
    consult.intent = 'transferred'
    try {
      await this.refer(leg, consult.session)
    } catch (err) {
      consult.intent = null
      throw err
    }
  }

  async media(id: string): Promise<MediaCounters> {
    const leg = this.legs.get(id)
    return leg ? countersOf(leg.session) : { packetsReceived: 0, packetsSent: 0 }
  }

  /** hangs up whatever is up (the phone is stopping) */
  async dispose(): Promise<void> {
    for (const id of [...this.legs.keys()]) await this.hangUp(id).catch(() => undefined)
    this.listeners.clear()
  }

  /**
   * REFER, then wait for the transferee's NOTIFY: ringing or answered at the target → hang up
   * our leg ("transferred"); a failure → the call stays with us and the error says why.
   */
  private refer(leg: Leg, to: URI | Session): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const { session } = leg
      let settled = false
      const settle = (error: Error | null) => {
        if (settled) return
        settled = true
        if (error) reject(error)
        else resolve()
      }
      session
        .refer(to, {
          requestDelegate: {
            onReject: (r) => settle(new Error(`${r.message.statusCode} ${r.message.reasonPhrase}`)),
          },
          onNotify: (notification) => {
            void notification.accept()
            const status = sipfragStatus(notification)
            if (status === 180 || status === 183 || (status >= 200 && status < 300)) {
              leg.intent = 'transferred'
              void session.bye().catch(() => undefined)
              settle(null)
            } else if (status >= 300) settle(new Error(`transfer target answered ${status}`))
          },
        })
        .catch((err: unknown) => settle(err as Error))
    })
  }

  private uriOf(target: DialTarget): URI {
    const uri = UserAgent.makeURI(`sip:${target.user}@${target.host ?? this.domain}`)
    if (!uri) throw new Error(`not a SIP address: ${target.user}`)
    return uri
  }

  private track(session: Session, direction: Leg['direction']): Leg {
    const leg: Leg = { session, direction, intent: null, refusal: null, established: false, heldTracks: null }
    this.legs.set(session.id, leg)
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        leg.established = true
        const stream = remoteStreamOf(session)
        if (stream) this.speaker.srcObject = stream
        this.emit({ kind: 'established', id: session.id })
      } else if (state === SessionState.Terminated) {
        this.legs.delete(session.id)
        for (const t of leg.heldTracks ?? []) t.stop()
        const next = [...this.legs.values()].find((l) => l.established)
        this.speaker.srcObject = next ? remoteStreamOf(next.session) : null
        this.emit({ kind: 'ended', id: session.id, reason: this.reasonOf(leg) })
      }
    })
    return leg
  }

  private reasonOf(leg: Leg): EndReason {
    if (leg.intent) return leg.intent
    if (leg.established) return 'remote'
    if (leg.direction === 'inbound') return 'missed'
    return leg.refusal !== null && REFUSALS.has(leg.refusal) ? 'rejected' : 'failed'
  }

  private emit(event: CallEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
