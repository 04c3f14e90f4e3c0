import en from 'element-plus/es/locale/lang/en'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import zhTw from 'element-plus/es/locale/lang/zh-tw'
import type { Locale } from '../../../shared/domain/roles'

/** Element Plus's own strings (pagination, date pickers, empty states) per app locale. */
export const elementLocales = { 'zh-CN': zhCn, 'zh-TW': zhTw, en } satisfies Record<Locale, unknown>
