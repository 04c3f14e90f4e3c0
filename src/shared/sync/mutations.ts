import { z } from 'zod'
import { ApiError } from '../api/errors'
import { Tag, WorkOrderStatus, type CustomerRecord, type WorkOrderRecord } from '../domain/records'
import { NoteBody, Visibility } from '../workOrders/activity'

/** A seat's write, as queued in its outbox and applied by the server at most once per opId. */
export const CustomerEditableFields = z
  .object({
    name: z.string().trim().min(1).max(64),
    focus: z.string().max(500),
    specialNeeds: z.string().max(500),
    notes: z.string().max(4000),
  })
  .partial()
  .strict()
export type CustomerEditableFields = z.infer<typeof CustomerEditableFields>

export const FollowUpResult = z.object({ result: z.literal('confirmed'), note: z.string().max(500) }).strict()
export type FollowUpResult = z.infer<typeof FollowUpResult>

export const Mutation = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('workOrder.setStatus'),
      workOrderId: z.string().max(64),
      status: WorkOrderStatus,
      /** required to close: the customer confirmed the solution on the follow-up call (回访) */
      followUp: FollowUpResult.optional(),
    })
    .strict(),
  z
    .object({
      /** an internal note, or (visibility customer) a progress update the customer sees */
      kind: z.literal('workOrder.addNote'),
      workOrderId: z.string().max(64),
      body: NoteBody,
      visibility: Visibility,
    })
    .strict(),
  z
    .object({ kind: z.literal('customer.setTags'), customerId: z.string().max(64), tags: z.array(Tag).max(30) })
    .strict(),
  z
    .object({
      kind: z.literal('customer.updateFields'),
      customerId: z.string().max(64),
      fields: CustomerEditableFields.refine((f) => Object.keys(f).length > 0, 'at least one field'),
      /** the values the seat saw before editing; a mismatch means someone else changed the field */
      base: CustomerEditableFields.optional(),
    })
    .strict(),
])
export type Mutation = z.infer<typeof Mutation>

export const OpId = z.uuid()

export const WriteRequest = z.object({ opId: OpId, mutation: Mutation }).strict()
export type WriteRequest = z.infer<typeof WriteRequest>

export const FieldOverwrite = z.object({ field: z.string(), theirs: z.unknown(), yours: z.unknown() })
export type FieldOverwrite = z.infer<typeof FieldOverwrite>

export const WriteResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('applied'),
    seq: z.number().int(),
    /** fields whose value had been changed by someone else since the seat read them (LWW) */
    overwrote: z.array(FieldOverwrite),
  }),
  z.object({ status: z.literal('rejected'), error: ApiError }),
])
export type WriteResult = z.infer<typeof WriteResult>

export function mutationTarget(m: Mutation): { entity: 'customer' | 'workOrder'; id: string } {
  return m.kind === 'workOrder.setStatus' || m.kind === 'workOrder.addNote'
    ? { entity: 'workOrder', id: m.workOrderId }
    : { entity: 'customer', id: m.customerId }
}

/** The seat's optimistic view: a cached record with a pending mutation applied on top. */
export function applyLocally<R extends CustomerRecord | WorkOrderRecord>(record: R, m: Mutation): R {
  switch (m.kind) {
    case 'workOrder.setStatus':
      return { ...record, status: m.status }
    case 'workOrder.addNote':
      return record
    case 'customer.setTags':
      return { ...record, tags: m.tags }
    case 'customer.updateFields':
      return { ...record, ...m.fields }
  }
}
