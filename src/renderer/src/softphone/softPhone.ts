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

/** An inbound call as the agent sees it; the number is the caller's SIP user part. */
export interface IncomingCall {
  id: string
  number: string
  displayName: string
}

export type CallEvent =
  { kind: 'ringing'; call: IncomingCall } | { kind: 'established'; id: string } | { kind: 'ended'; id: string }

export interface SoftPhone {
  /** connects and registers; after a lost connection it reconnects and registers by itself */
  start(): Promise<void>
  /** un-registers and disconnects */
  stop(): Promise<void>
  onStatus(listener: (status: PhoneStatus) => void): () => void
  /** one call at a time: a second inbound call while one is up is answered busy */
  onCall(listener: (event: CallEvent) => void): () => void
  answer(id: string): Promise<void>
  reject(id: string): Promise<void>
  hangUp(id: string): Promise<void>
}
