import { createI18n } from 'vue-i18n'
import type { Locale } from '../../../shared/domain/roles'
import en from './locales/en'
import zhCN, { type MessageSchema } from './locales/zh-CN'
import zhTW from './locales/zh-TW'

declare module 'vue-i18n' {
  // every `t('…')` key is checked against the zh-CN message tree
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

/**
 * Composition-API i18n. vue-i18n 11 compiles messages just-in-time into an AST it interprets,
 * so it never calls `new Function` and runs under the page's no-eval CSP.
 */
export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'zh-TW': zhTW, en },
})

/** Language names are shown in their own language, whatever the current locale. */
export const LOCALE_OPTIONS: ReadonlyArray<{ value: Locale; label: string }> = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'zh-TW', label: '繁體中文' },
  { value: 'en', label: 'English' },
]

export function setI18nLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
