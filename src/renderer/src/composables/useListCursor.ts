import { nextTick, ref, watch, type Ref } from 'vue'

/**
 * The highlighted row of a result list driven by ↑/↓: wraps around, stays inside the list when
 * it shrinks, and scrolls the row into view. Bind `list` to the list element and mark the active
 * row with the class `is-active`.
 */
export function useListCursor(count: () => number): {
  active: Ref<number>
  list: Ref<HTMLElement | null>
  move: (step: number) => void
} {
  const active = ref(0)
  const list = ref<HTMLElement | null>(null)
  watch(count, (n) => (active.value = Math.min(active.value, Math.max(0, n - 1))))

  function move(step: number): void {
    const n = count()
    if (n === 0) return
    active.value = (active.value + step + n) % n
    void nextTick(() => list.value?.querySelector('.is-active')?.scrollIntoView({ block: 'nearest' }))
  }
  return { active, list, move }
}
