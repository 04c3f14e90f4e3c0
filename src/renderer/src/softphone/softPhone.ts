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

export interface SoftPhone {
  /** connects and registers; after a lost connection it reconnects and registers by itself */
  start(): Promise<void>
  /** un-registers and disconnects */
  stop(): Promise<void>
  onStatus(listener: (status: PhoneStatus) => void): () => void
}
