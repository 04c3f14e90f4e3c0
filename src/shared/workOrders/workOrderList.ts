import { z } from 'zod'
import { WorkOrderRecord, WorkOrderStatus } from '../domain/records'

/**
 * The work-order list an agent works from: quick views, filters and sort, answered by the seat
 * from its cache one window of rows at a time (the cache may hold 100,000 orders).
 */
export const WorkOrderView = z.enum(['mine', 'team', 'waiting', 'atRisk', 'all'])
export type WorkOrderView = z.infer<typeof WorkOrderView>

/** sla: least time left first; updated: newest first; priority: A first */
export const WorkOrderSort = z.enum(['sla', 'updated', 'priority'])
export type WorkOrderSort = z.infer<typeof WorkOrderSort>

export const WorkOrderListQuery = z
  .object({
    view: WorkOrderView.default('all'),
    /** null: every status */
    status: WorkOrderStatus.nullable().default(null),
    /** matches the service code, the title and the customer's name or visible phone digits */
    text: z.string().max(100).default(''),
    sort: WorkOrderSort.default('updated'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
export type WorkOrderListQuery = z.output<typeof WorkOrderListQuery>

export const WorkOrderListRow = z.object({ order: WorkOrderRecord, customerName: z.string().nullable() })
export type WorkOrderListRow = z.infer<typeof WorkOrderListRow>

export const WorkOrderViewCounts = z.object({
  mine: z.number().int(),
  team: z.number().int(),
  waiting: z.number().int(),
  atRisk: z.number().int(),
  all: z.number().int(),
})
export type WorkOrderViewCounts = z.infer<typeof WorkOrderViewCounts>

/** orders per status among all cached orders */
export const WorkOrderStatusCounts = z.record(WorkOrderStatus, z.number().int())
export type WorkOrderStatusCounts = z.infer<typeof WorkOrderStatusCounts>

export const WorkOrderListPage = z.object({
  /** the rows from `offset` on, at most `limit` */
  rows: z.array(WorkOrderListRow),
  offset: z.number().int(),
  /** rows matching the view, status and text */
  total: z.number().int(),
  /** orders in each view, before the status and text filters */
  counts: WorkOrderViewCounts,
  statusCounts: WorkOrderStatusCounts,
})
export type WorkOrderListPage = z.infer<typeof WorkOrderListPage>
