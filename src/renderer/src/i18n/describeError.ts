import type { ApiError } from '../../../shared/api/errors'
import { LOGIN_LOCKOUT } from '../../../shared/domain/user'
import { fieldLabel } from './fieldLabel'
import { i18n } from './index'

/** The server says e.g. "wrong username or password (3 attempts left)". */
const ATTEMPTS_LEFT = /(\d+)\s+attempts?\s+left/i

function attemptsLeft(message: string): number | null {
  const match = ATTEMPTS_LEFT.exec(message)
  return match?.[1] === undefined ? null : Number(match[1])
}

/**
 * Turns a console API error into one sentence in the current locale. Call it inside a
 * computed so the text follows a language switch.
 */
export function describeError(error: ApiError): string {
  const { t } = i18n.global
  switch (error.code) {
    case 'INVALID_CREDENTIALS': {
      const left = attemptsLeft(error.message)
      return left === null ? t('errors.invalidCredentials') : t('errors.invalidCredentialsAttempts', { n: left }, left)
    }
    case 'LOCKED': {
      const minutes =
        error.retryAfterSec === undefined ? LOGIN_LOCKOUT.lockMinutes : Math.max(1, Math.ceil(error.retryAfterSec / 60))
      return t('errors.locked', { minutes }, minutes)
    }
    case 'RATE_LIMITED': {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSec ?? 60) / 60))
      return t('errors.rateLimited', { minutes }, minutes)
    }
    case 'NETWORK':
      return t('errors.network')
    case 'SCHEMA':
      return t('errors.schema', { field: error.field === undefined ? '—' : fieldLabel(error.field) })
    case 'UNAUTHENTICATED':
      return t('errors.unauthenticated')
    case 'FORBIDDEN':
      return t('errors.forbidden')
    case 'NOT_FOUND':
      return t('errors.notFound')
    case 'CONFLICT':
      return t('errors.conflict')
    case 'INTERNAL':
      return t('errors.internal')
  }
}
