import { reactive } from 'vue'
import { usePresenceStore } from '../stores/presence'

/** names learnt elsewhere (a reassignment's candidates), for people the presence list lacks */
const learnt = reactive(new Map<string, string>())
export function rememberUserName(userId: string, name: string): void {
  learnt.set(userId, name)
}

/** A colleague's display name from the seats the presence list knows; the user id otherwise. */
export function useUserName(): (userId: string) => string {
  const presence = usePresenceStore()
  return (userId) =>
    presence.mine?.userId === userId
      ? presence.mine.displayName
      : (presence.colleagues.find((c) => c.userId === userId)?.displayName ?? learnt.get(userId) ?? userId)
}
