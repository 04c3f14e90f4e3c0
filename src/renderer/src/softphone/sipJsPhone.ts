import {
  Registerer,
  RegistererState,
  RequestPendingError,
  SIPExtension,
  UserAgent,
  type RegistererRegisterOptions,
} from 'sip.js'
import type { DialTarget } from '../../../shared/softphone/dialTarget'
import type { Handover } from '../../../shared/softphone/handover'
import { authUserOf, domainOf } from '../../../shared/softphone/sipSettings'
import { reconnectDelayMs } from './reconnectDelay'
import { SipJsCalls } from './sipJsCalls'
import type { CallEvent, MediaCounters, PhoneAccount, PhoneStatus, SoftPhone } from './softPhone'

const REGISTER_EXPIRES_SEC = 300

function iceServersOf({ profile, credentials }: PhoneAccount): RTCIceServer[] {
  const servers: RTCIceServer[] = []
  if (profile.stunUrl) servers.push({ urls: profile.stunUrl })
  if (profile.turnUrl)
    servers.push({ urls: profile.turnUrl, username: profile.turnUser, credential: credentials.turnPassword })
  // none configured: an empty list, or ICE stalls on the unreachable default STUN server
  return servers
}

function userAgentOf(account: PhoneAccount): UserAgent {
  const { profile, credentials } = account
  const uri = UserAgent.makeURI(`sip:${profile.extension}@${domainOf(profile)}`)
  if (!uri) throw new Error(`not a SIP address: ${profile.extension}@${domainOf(profile)}`)
  return new UserAgent({
    uri,
    displayName: profile.displayName || undefined,
    authorizationUsername: authUserOf(profile),
    authorizationHa1: credentials.ha1,
    transportOptions: { server: profile.serverUrl, connectionTimeout: 5, keepAliveInterval: 30 },
    preloadedRouteSet: profile.outboundProxy ? [`<${profile.outboundProxy};lr>`] : [],
    sessionDescriptionHandlerFactoryOptions: {
      iceGatheringTimeout: 500,
      peerConnectionConfiguration: { iceServers: iceServersOf(account) },
    },
    // an attended transfer completes with an INVITE that replaces the consult call (RFC 3891)
    sipExtensionReplaces: SIPExtension.Supported,
    logLevel: 'error',
  })
}

/** sip.js UserAgent + Registerer, with its own reconnection (sip.js 0.21 leaves that to the app). */
export class SipJsPhone implements SoftPhone {
  private readonly ua: UserAgent
  private readonly registerer: Registerer
  private readonly calls: SipJsCalls
  private readonly listeners = new Set<(s: PhoneStatus) => void>()
  private status: PhoneStatus = { state: 'unregistered', reason: null }
  private stopped = false
  private attempt = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private readonly onOnline = () => this.reconnectNow()

  constructor(account: PhoneAccount) {
    this.ua = userAgentOf(account)
    this.calls = new SipJsCalls(this.ua, domainOf(account.profile))
    this.registerer = new Registerer(this.ua, { expires: REGISTER_EXPIRES_SEC })
    // registration expired or was given up (a refresh failed): Registered comes from onAccept below
    this.registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Unregistered && this.status.state === 'registered')
        this.emit({ state: 'unregistered', reason: null })
    })
    this.ua.delegate = {
      onInvite: (invitation) => this.calls.offer(invitation),
      onConnect: () => {
        this.attempt = 0
        void this.register()
      },
      onDisconnect: () => {
        if (this.stopped) return
        this.emit({ state: 'unregistered', reason: { kind: 'disconnected' } })
        this.scheduleReconnect()
      },
    }
  }

  onStatus(listener: (status: PhoneStatus) => void): () => void {
    this.listeners.add(listener)
    listener(this.status)
    return () => this.listeners.delete(listener)
  }

  onCall(listener: (event: CallEvent) => void): () => void {
    return this.calls.onCall(listener)
  }

  answer(id: string): Promise<void> {
    return this.calls.answer(id)
  }

  reject(id: string): Promise<void> {
    return this.calls.reject(id)
  }

  hangUp(id: string): Promise<void> {
    return this.calls.hangUp(id)
  }

  dial(target: DialTarget, handover: Handover | null): string {
    return this.calls.dial(target, handover)
  }

  setMuted(id: string, muted: boolean): void {
    this.calls.setMuted(id, muted)
  }

  setHeld(id: string, held: boolean): Promise<void> {
    return this.calls.setHeld(id, held)
  }

  sendDtmf(id: string, digit: string): Promise<void> {
    return this.calls.sendDtmf(id, digit)
  }

  blindTransfer(id: string, target: DialTarget, handover: Handover | null): Promise<void> {
    return this.calls.blindTransfer(id, target, handover)
  }

  attendedTransfer(id: string, consultId: string): Promise<void> {
    return this.calls.attendedTransfer(id, consultId)
  }

  media(id: string): Promise<MediaCounters> {
    return this.calls.media(id)
  }

  async start(): Promise<void> {
    window.addEventListener('online', this.onOnline)
    this.emit({ state: 'registering', reason: null })
    try {
      await this.ua.start()
    } catch {
      this.emit({ state: 'unregistered', reason: { kind: 'disconnected' } })
      this.scheduleReconnect()
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.retryTimer)
    window.removeEventListener('online', this.onOnline)
    this.listeners.clear()
    await this.calls.dispose()
    await this.ua.stop().catch(() => undefined)
  }

  private async register(): Promise<void> {
    if (this.stopped) return
    this.emit({ state: 'registering', reason: null })
    const options: RegistererRegisterOptions = {
      requestDelegate: {
        // registered again after a reconnect: no state change for the Registerer, so listen here
        onAccept: () => this.emit({ state: 'registered', reason: null }),
        onReject: (response) => {
          const { statusCode, reasonPhrase } = response.message
          this.emit({
            state: 'unregistered',
            reason: { kind: 'rejected', code: statusCode ?? 0, phrase: reasonPhrase ?? '' },
          })
        },
      },
    }
    try {
      await this.registerer.register(options)
    } catch (err) {
      // a REGISTER sent just before the connection broke must finish (or time out) first
      if (err instanceof RequestPendingError) {
        this.retryTimer = setTimeout(() => void this.register(), 500)
        return
      }
      this.emit({ state: 'unregistered', reason: { kind: 'failed', message: (err as Error).message } })
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return
    clearTimeout(this.retryTimer)
    this.attempt += 1
    this.retryTimer = setTimeout(() => this.reconnectNow(), reconnectDelayMs(this.attempt))
  }

  /** onConnect registers again; a failed attempt waits a little longer before the next */
  private reconnectNow(): void {
    if (this.stopped || this.ua.isConnected()) return
    clearTimeout(this.retryTimer)
    this.emit({ state: 'registering', reason: { kind: 'disconnected' } })
    this.ua.reconnect().catch(() => {
      this.emit({ state: 'unregistered', reason: { kind: 'disconnected' } })
      this.scheduleReconnect()
    })
  }

  private emit(status: PhoneStatus): void {
    this.status = status
    for (const listener of this.listeners) listener(status)
  }
}
