import type { DialTarget } from '../../../shared/softphone/dialTarget'
import type { EndReason } from '../../../shared/softphone/endedCall'
import type { Handover } from '../../../shared/softphone/handover'
import type { SipProfile, SipSettingsView } from '../../../shared/softphone/sipSettings'

/**
 * The one interface the console programs against for SIP (DESIGN §7: sip.js 0.21 is no longer
 * developed, so it stays behind this adapter and can be swapped for JsSIP).
 */
export type RegistrationState = 'registering' | 'registered' | 'unregistered'

export interface PhoneStatus {
  state: RegistrationState
  /** why it is not registered: the server's answer ("403 Forbidden") or a lost connection */
  reason: PhoneProblem | null
}

export type PhoneProblem =
  { kind: 'disconnected' } | { kind: 'rejected'; code: number; phrase: string } | { kind: 'failed'; message: string }

export interface PhoneAccount {
  profile: SipProfile
  credentials: NonNullable<SipSettingsView['credentials']>
}

/** A call as the agent sees it; the number is the far end's SIP user part. */
export interface CallInfo {
  id: string
  direction: 'inbound' | 'outbound'
  number: string
  displayName: string
  /** customer and note handed over by the agent who transferred this call here */
  handover: Handover | null
  /** the id of the call this one replaces (an attended transfer completed onto this console) */
  replaces: string | null
}

export type CallEvent =
  | { kind: 'ringing'; call: CallInfo }
  | { kind: 'dialing'; call: CallInfo }
  | { kind: 'established'; id: string }
  | { kind: 'held'; id: string; held: boolean }
  | { kind: 'ended'; id: string; reason: EndReason }

export interface MediaCounters {
  packetsReceived: number
  packetsSent: number
}

export interface SoftPhone {
  /** connects and registers; after a lost connection it reconnects and registers by itself */
  start(): Promise<void>
  /** un-registers and disconnects */
  stop(): Promise<void>
  onStatus(listener: (status: PhoneStatus) => void): () => void
  /** an inbound call while another call is up is answered busy (an attended transfer's replacement excepted) */
  onCall(listener: (event: CallEvent) => void): () => void
  answer(id: string): Promise<void>
  reject(id: string): Promise<void>
  hangUp(id: string): Promise<void>
  /** sends the INVITE; the call's events follow with the returned id */
  dial(target: DialTarget, handover: Handover | null): string
  setMuted(id: string, muted: boolean): void
  setHeld(id: string, held: boolean): Promise<void>
  sendDtmf(id: string, digit: string): Promise<void>
  /** REFER to the target, the hand-over riding on the Refer-To URI */
  blindTransfer(id: string, target: DialTarget, handover: Handover | null): Promise<void>
  /** REFER with Replaces: the caller of `id` takes the place of this console in `consultId` */
  attendedTransfer(id: string, consultId: string): Promise<void>
  media(id: string): Promise<MediaCounters>
}
