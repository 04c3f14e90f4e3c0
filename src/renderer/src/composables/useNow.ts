import { onUnmounted, ref, type Ref } from 'vue'

/** The current time, refreshed every `everyMs` while the component lives (for clocks on screen). */
export function useNow(everyMs = 30_000): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), everyMs)
  onUnmounted(() => clearInterval(timer))
  return now
}
