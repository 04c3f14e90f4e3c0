import { SaveSipSettings, type SipField } from '../../../shared/softphone/sipSettings'

const FIELDS: readonly SipField[] = [
  'serverUrl',
  'extension',
  'authUser',
  'displayName',
  'domain',
  'outboundProxy',
  'stunUrl',
  'turnUrl',
  'turnUser',
  'password',
  'turnPassword',
]
const isField = (key: unknown): key is SipField => FIELDS.includes(key as SipField)

/**
 * Checks a save against the shared schema (the same one the main process applies) and names the
 * fields that fail; a first save must carry a password.
 */
export function sipFormErrors(req: SaveSipSettings, hasPassword: boolean): Partial<Record<SipField, true>> {
  const errors: Partial<Record<SipField, true>> = {}
  const parsed = SaveSipSettings.safeParse(req)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.at(-1)
      if (isField(field)) errors[field] = true
    }
  }
  if (!hasPassword && !req.password) errors.password = true
  return errors
}
