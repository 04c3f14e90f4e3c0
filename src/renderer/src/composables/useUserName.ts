import { usePresenceStore } from '../stores/presence'

/** A colleague's display name from the seats the presence list knows; the user id otherwise. */
export function useUserName(): (userId: string) => string {
  const presence = usePresenceStore()
  return (userId) =>
    presence.mine?.userId === userId
      ? presence.mine.displayName
      : (presence.colleagues.find((c) => c.userId === userId)?.displayName ?? userId)
}
