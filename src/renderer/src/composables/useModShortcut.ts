import { onMounted, onUnmounted } from 'vue'

/** Macs write the shortcut with ⌘ */
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform)

/** How the shortcut is written for this keyboard: "⌘K" or "Ctrl K". */
export function shortcutLabel(key: string): string {
  return IS_MAC ? `⌘${key.toUpperCase()}` : `Ctrl ${key.toUpperCase()}`
}

/** Runs `action` on Ctrl+key or ⌘+key anywhere in the window while the caller is mounted. */
export function useModShortcut(key: string, action: () => void): void {
  const onKeydown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== key) return
    event.preventDefault()
    action()
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onUnmounted(() => window.removeEventListener('keydown', onKeydown))
}
