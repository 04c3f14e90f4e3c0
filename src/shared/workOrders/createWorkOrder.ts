import { z } from 'zod'
import { WorkOrderRecord } from '../domain/records'
import { Priority, WorkOrderType } from './slaPolicy'

/** Where the order was opened from (W1). */
export const WorkOrderChannel = z.enum(['call', 'chat', 'visit', 'customer360'])

export const CreateWorkOrderRequest = z
  .object({
    /** client-generated: a retried request returns the first answer instead of a second order */
    requestId: z.uuid(),
    customerId: z.string().min(1).max(64),
    type: WorkOrderType,
    title: z.string().trim().min(1).max(256),
    description: z.string().max(4000).default(''),
    channel: WorkOrderChannel,
    /** the agent's override of the suggested priority */
    priority: Priority.optional(),
    /** defaults to the customer's home store */
    storeId: z.string().min(1).max(64).optional(),
  })
  .strict()
export type CreateWorkOrderRequest = z.input<typeof CreateWorkOrderRequest>

export const CreateWorkOrderResult = z.object({
  order: WorkOrderRecord,
  suggestedPriority: Priority,
})
export type CreateWorkOrderResult = z.infer<typeof CreateWorkOrderResult>

export const SlaNotification = z.object({
  id: z.string(),
  workOrderId: z.string(),
  /** handoff.breach: a department did not reply to a hand-off in time; survey.poor: a poor satisfaction score */
  kind: z.enum(['sla.warning', 'sla.breach', 'sla.escalated', 'handoff.breach', 'survey.poor']),
  clock: z.enum(['firstResponse', 'solution']).nullable(),
  tier: z.number().int().nullable(),
  at: z.number(),
  createdAt: z.number(),
  /** the order as a person names it, so a notification needs no second lookup */
  serviceCode: z.string(),
  title: z.string(),
})
export type SlaNotification = z.infer<typeof SlaNotification>
