import { SessionState, type Invitation } from 'sip.js'
import type { CallEvent } from './softPhone'

const AUDIO_ONLY = { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }
const BUSY_HERE = 486
const DECLINE = 603

/** The inbound call of a sip.js user agent: ringing, answer, reject, hang up, remote audio. */
export class SipJsCalls {
  private session: Invitation | null = null
  private readonly listeners = new Set<(e: CallEvent) => void>()
  private readonly speaker = new Audio()

  constructor() {
    this.speaker.autoplay = true
  }

  onCall(listener: (e: CallEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** the UserAgent's onInvite */
  offer(invitation: Invitation): void {
    if (this.session) {
      void invitation.reject({ statusCode: BUSY_HERE }).catch(() => undefined)
      return
    }
    this.session = invitation
    const id = invitation.id
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        this.playRemoteAudio(invitation)
        this.emit({ kind: 'established', id })
      } else if (state === SessionState.Terminated) {
        if (this.session === invitation) this.session = null
        this.speaker.srcObject = null
        this.emit({ kind: 'ended', id })
      }
    })
    const { uri, displayName } = invitation.remoteIdentity
    this.emit({ kind: 'ringing', call: { id, number: uri.user ?? '', displayName: displayName ?? '' } })
  }

  async answer(id: string): Promise<void> {
    const session = this.find(id)
    if (session?.state === SessionState.Initial) await session.accept(AUDIO_ONLY)
  }

  async reject(id: string): Promise<void> {
    const session = this.find(id)
    if (session?.state === SessionState.Initial) await session.reject({ statusCode: DECLINE })
  }

  async hangUp(id: string): Promise<void> {
    const session = this.find(id)
    if (!session) return
    if (session.state === SessionState.Established) await session.bye()
    else await this.reject(id)
  }

  /** hangs up whatever is up (the phone is stopping) */
  async dispose(): Promise<void> {
    if (this.session) await this.hangUp(this.session.id).catch(() => undefined)
    this.listeners.clear()
  }

  private find(id: string): Invitation | null {
    return this.session?.id === id ? this.session : null
  }

  private playRemoteAudio(session: Invitation): void {
    const sdh = session.sessionDescriptionHandler as { remoteMediaStream?: MediaStream } | undefined
    if (sdh?.remoteMediaStream) this.speaker.srcObject = sdh.remoteMediaStream
  }

  private emit(event: CallEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
