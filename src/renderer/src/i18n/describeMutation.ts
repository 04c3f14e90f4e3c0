import type { Mutation } from '../../../shared/sync/mutations'
import { fieldLabel } from './fieldLabel'
import { i18n } from './index'

/**
 * What a write's target is called: "工单 7KX3M2PQ", "客户 王芳". `subject` is the work order's
 * service code or the customer's name (the id when the record is not in the cache).
 */
export function describeTarget(mutation: Mutation, subject: string): string {
  const { t } = i18n.global
  return mutation.kind === 'workOrder.setStatus' || mutation.kind === 'workOrder.addNote'
    ? t('mutations.workOrder', { code: subject })
    : t('mutations.customer', { name: subject })
}

/**
 * A write in one sentence in the current locale, e.g. "工单 7KX3M2PQ 状态改为 已关闭". Call it
 * inside a computed or a template so the text follows a language switch.
 */
export function describeMutation(mutation: Mutation, subject: string): string {
  const { t } = i18n.global
  const target = describeTarget(mutation, subject)
  const list = (items: string[]) => items.join(t('mutations.separator'))
  switch (mutation.kind) {
    case 'workOrder.setStatus':
      return t('mutations.setStatus', { target, status: t(`workOrderStatus.${mutation.status}`) })
    case 'workOrder.addNote':
      return t(mutation.visibility === 'customer' ? 'mutations.addProgress' : 'mutations.addNote', { target })
    case 'customer.setTags':
      return t('mutations.setTags', {
        target,
        tags: mutation.tags.length > 0 ? list(mutation.tags) : t('mutations.noTags'),
      })
    case 'customer.updateFields':
      return t('mutations.updateFields', { target, fields: list(Object.keys(mutation.fields).map(fieldLabel)) })
  }
}

/** The fields a write overwrote, listed in the current locale: "关注点、备注". */
export function listFields(fields: readonly string[]): string {
  return fields.map(fieldLabel).join(i18n.global.t('mutations.separator'))
}
