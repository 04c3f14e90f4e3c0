import { i18n } from './index'

/** A record or form field's name in the current locale; unknown fields show as sent. */
export function fieldLabel(field: string): string {
  const { t, te } = i18n.global
  const key = `fields.${field}`
  return te(key) ? t(key) : field
}
