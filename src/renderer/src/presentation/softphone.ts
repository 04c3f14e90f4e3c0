import { maskPhone, normalizePhone } from '../../../shared/domain/phone'
import { i18n } from '../i18n'
import type { PhoneProblem } from '../softphone/softPhone'

/** Why the phone is not registered, in the current locale. */
export function describePhoneProblem(problem: PhoneProblem | null): string {
  const { t } = i18n.global
  if (!problem) return t('softphone.reason.stopped')
  switch (problem.kind) {
    case 'disconnected':
      return t('softphone.reason.disconnected')
    case 'rejected':
      return t('softphone.reason.rejected', { code: problem.code, phrase: problem.phrase })
    case 'failed':
      return t('softphone.reason.failed', { message: problem.message })
  }
}

/** Phone numbers are masked on screen (DESIGN P6); short internal extensions are not personal data. */
export function callerOnScreen(number: string): string {
  const national = normalizePhone(number)
  return national ? maskPhone(national) : number
}

/** 1:05, 12:30, 1:02:03: how long the call has been up */
export function callDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
