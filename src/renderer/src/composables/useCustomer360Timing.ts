import { nextTick } from 'vue'

const SHOW = 'customer-360:show'
const PAINTED = 'customer-360:painted'
const MEASURE = 'customer-360'

/** a show mark waiting for its first paint: one measure per choice */
let waiting = false

/**
 * How long from "show customer X" to the 360 view's first screen of data on screen, as
 * User Timing marks and a measure that DevTools and tests can read.
 */
export function useCustomer360Timing(): {
  show: () => void
  showUnlessChosen: () => void
  painted: () => Promise<void>
} {
  /** the user chose a customer (search hit, recent list, context card) */
  function show(): void {
    performance.mark(SHOW)
    waiting = true
  }

  /** the view opened by itself (address, reload): its own start is the choice */
  function showUnlessChosen(): void {
    if (!waiting) show()
  }

  /** the profile is rendered: after Vue has patched the DOM and the browser has drawn a frame */
  async function painted(): Promise<void> {
    if (!waiting) return
    waiting = false
    await nextTick()
    await new Promise<number>((resolve) => requestAnimationFrame(resolve))
    performance.mark(PAINTED)
    performance.measure(MEASURE, SHOW, PAINTED)
  }

  return { show, showUnlessChosen, painted }
}
