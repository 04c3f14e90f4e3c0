import { CUSTOMER_CSV_COLUMNS, PURCHASE_CSV_COLUMNS } from '../../shared/domain/imports'

/** The downloadable customer template: the header and one example row. */
export function customerCsvTemplate(): string {
  const example = [
    'M20260001',
    '陈静',
    '138 1234 5678',
    '1990-05-01',
    'st-01',
    '偏好浅色系|关注节能',
    '关注安装时间',
    '上海市徐汇区漕溪北路 1 号',
  ]
  return `\uFEFF${CUSTOMER_CSV_COLUMNS.join(',')}\n${example.join(',')}\n`
}

/** The downloadable purchase template. */
export function purchaseCsvTemplate(): string {
  const example = ['SO30000001', 'M20260001', 'st-01', 'KFR-35GW 变频挂机', '3299.00', '2026-11-01T10:30:00+08:00']
  return `\uFEFF${PURCHASE_CSV_COLUMNS.join(',')}\n${example.join(',')}\n`
}
