import { z } from 'zod'

/**
 * An agent's SIP account for the softphone (DESIGN S1). The main process keeps it per user; the
 * passwords go to the token vault and never come back: the renderer gets the digest HA1 for the
 * realm instead of the SIP password.
 */

/** ws:// or wss:// with a host: sip.js only speaks SIP over WebSocket */
export function isWsUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== ''
  } catch {
    return false
  }
}

const SIP_URI = /^sips?:[^\s@]+(@[^\s@]+)?$/i
const ICE_URL = { stun: /^stuns?:[^\s]+$/i, turn: /^turns?:[^\s]+$/i }
/** a SIP user part: digits for an extension, or a name; no spaces, no '@' */
const SipUser = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._+!~*'()-]{1,64}$/)
const Host = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/)

/** What the agent sees and edits, without secrets. Empty strings are "not set". */
export const SipProfile = z
  .object({
    serverUrl: z.string().trim().max(300).refine(isWsUrl),
    extension: SipUser,
    /** digest user when it differs from the extension */
    authUser: z.union([z.literal(''), SipUser]),
    displayName: z.string().trim().max(64),
    /** the SIP domain (and digest realm); empty: the server URL's host */
    domain: z.union([z.literal(''), Host]),
    outboundProxy: z.union([z.literal(''), z.string().trim().max(300).regex(SIP_URI)]),
    stunUrl: z.union([z.literal(''), z.string().trim().max(300).regex(ICE_URL.stun)]),
    turnUrl: z.union([z.literal(''), z.string().trim().max(300).regex(ICE_URL.turn)]),
    turnUser: z.string().trim().max(128),
  })
  .strict()
export type SipProfile = z.infer<typeof SipProfile>
export type SipField = keyof SipProfile | 'password' | 'turnPassword'

/** A save: a password left out keeps the stored one; an empty string is not a password. */
export const SaveSipSettings = z
  .object({
    profile: SipProfile,
    password: z.string().min(1).max(128).optional(),
    turnPassword: z.string().max(128).optional(),
  })
  .strict()
export type SaveSipSettings = z.infer<typeof SaveSipSettings>

/** The stored secrets (vault content). */
export const SipSecrets = z.object({ password: z.string(), turnPassword: z.string() }).strict()
export type SipSecrets = z.infer<typeof SipSecrets>

/** What the renderer gets: the profile, whether a password is stored, and what sip.js needs. */
export const SipSettingsView = z.object({
  profile: SipProfile.nullable(),
  hasPassword: z.boolean(),
  /** null until a profile and a password are stored */
  credentials: z
    .object({
      realm: z.string(),
      /** MD5(authUser:realm:password), what sip.js answers digest challenges with */
      ha1: z.string().regex(/^[0-9a-f]{32}$/),
      turnPassword: z.string(),
    })
    .nullable(),
})
export type SipSettingsView = z.infer<typeof SipSettingsView>

export const authUserOf = (p: SipProfile): string => p.authUser || p.extension
export const domainOf = (p: SipProfile): string => p.domain.replace(/:\d+$/, '') || new URL(p.serverUrl).hostname
