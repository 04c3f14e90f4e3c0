import { onMounted, onUnmounted } from 'vue'
import { WedgeDetector, DEFAULT_WEDGE_OPTIONS } from '../../../shared/scanning/wedgeDetector'

export interface WedgeSetup {
  enabled: boolean
  prefix: string
}

/** Takes the scanner's characters back out of the focused field they were typed into. */
function unType(typed: string): void {
  const field = document.activeElement
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return
  const value = field.value
  const caret = field.selectionEnd ?? value.length
  const start = value.slice(0, caret).endsWith(typed) ? caret - typed.length : value.lastIndexOf(typed)
  if (start < 0) return
  field.value = value.slice(0, start) + value.slice(start + typed.length)
  field.setSelectionRange(start, start)
  // v-model listens for input events
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/**
 * Listens to every key press on the page (capture phase, before any field or shortcut) and
 * recognises keyboard-wedge scans by their timing. A scan's terminator never reaches the page,
 * and its characters are removed from whatever field had the focus.
 */
export function useWedgeScanner(setup: () => WedgeSetup, onScan: (code: string) => void): void {
  let detector = new WedgeDetector()
  let prefix = ''

  const onKeyDown = (event: KeyboardEvent) => {
    const { enabled, prefix: wanted } = setup()
    if (!enabled) return
    if (wanted !== prefix) {
      prefix = wanted
      detector = new WedgeDetector({ ...DEFAULT_WEDGE_OPTIONS, prefix })
    }
    const scan = detector.push({
      key: event.key,
      at: event.timeStamp,
      withModifier: event.ctrlKey || event.altKey || event.metaKey,
    })
    if (!scan) return
    event.preventDefault()
    event.stopImmediatePropagation()
    unType(scan.typed)
    onScan(scan.code)
  }

  onMounted(() => window.addEventListener('keydown', onKeyDown, { capture: true }))
  onUnmounted(() => window.removeEventListener('keydown', onKeyDown, { capture: true }))
}
