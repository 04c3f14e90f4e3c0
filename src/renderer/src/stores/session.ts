import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ConsoleEventPayload, Session } from '../../../shared/api/console'
import type { ApiError } from '../../../shared/api/errors'
import type { LoginRequest, PublicUser } from '../../../shared/domain/user'
import { callConsole, errorOf, onConsoleEvent } from '../api/consoleClient'

type EndReason = ConsoleEventPayload<'auth.ended'>['reason']

/** Who is signed in. The tokens themselves stay in the main process. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<PublicUser | null>(null)
  const error = ref<ApiError | null>(null)
  const pending = ref(false)
  const endedReason = ref<EndReason | null>(null)
  let restoring: Promise<void> | null = null
  let listening = false

  const loggedIn = computed(() => user.value !== null)

  function begin(session: Session): void {
    user.value = session.user
    error.value = null
    endedReason.value = null
  }

  /** Picks up a session the main process still holds; runs once, later calls share it. */
  function restore(): Promise<void> {
    restoring ??= callConsole('auth.restore', {}).then(
      (session) => {
        if (session) begin(session)
      },
      (err: unknown) => {
        error.value = errorOf(err)
      },
    )
    return restoring
  }

  async function login(request: LoginRequest): Promise<boolean> {
    pending.value = true
    try {
      begin(await callConsole('auth.login', request))
      return true
    } catch (err) {
      error.value = errorOf(err)
      return false
    } finally {
      pending.value = false
    }
  }

  async function logout(): Promise<void> {
    try {
      await callConsole('auth.logout', {})
    } catch (err) {
      error.value = errorOf(err)
    }
    user.value = null
    endedReason.value = 'logout'
  }

  function clearError(): void {
    error.value = null
  }

  /** Follows the main process ending the session (logout elsewhere, refresh token expired). */
  function listen(): void {
    if (listening) return
    listening = true
    onConsoleEvent('auth.ended', ({ reason }) => {
      user.value = null
      endedReason.value = reason
    })
  }

  return { user, error, pending, endedReason, loggedIn, restore, login, logout, clearError, listen }
})
