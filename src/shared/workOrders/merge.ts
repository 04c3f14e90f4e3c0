import { z } from 'zod'
import { WorkOrderRecord } from '../domain/records'

export const MergeWorkOrderRequest = z.object({ duplicateId: z.string().min(1).max(64) }).strict()
export type MergeWorkOrderRequest = z.infer<typeof MergeWorkOrderRequest>

/** The order that stays and the duplicate, now closed as merged into it. */
export const MergeWorkOrderResult = z.object({ order: WorkOrderRecord, duplicate: WorkOrderRecord })
export type MergeWorkOrderResult = z.infer<typeof MergeWorkOrderResult>
