import type { ConsoleRequest, ConsoleResponse } from '../../shared/api/console'
import type { SyncClient } from './syncClient'

/**
 * The seat's side of the work-order actions: hand-offs to departments, merging a duplicate,
 * 转为知识库文章 and attachments. Each needs the server; the order's new state then arrives
 * through the feed like any other change.
 */
export class WorkOrderActions {
  constructor(private readonly sync: SyncClient) {}

  handoffs({ id }: ConsoleRequest<'workOrders.handoffs'>): Promise<ConsoleResponse<'workOrders.handoffs'>> {
    return this.sync.http('workOrderHandoffs', undefined, { params: { id } })
  }

  handoff({ id, ...body }: ConsoleRequest<'workOrders.handoff'>): Promise<ConsoleResponse<'workOrders.handoff'>> {
    return this.sync.http('workOrderHandoffOpen', body, { params: { id } })
  }

  handoffReply({
    id,
    handoffId,
    ...body
  }: ConsoleRequest<'workOrders.handoffReply'>): Promise<ConsoleResponse<'workOrders.handoffReply'>> {
    return this.sync.http('workOrderHandoffReply', body, { params: { id, handoffId } })
  }

  merge({ id, ...body }: ConsoleRequest<'workOrders.merge'>): Promise<ConsoleResponse<'workOrders.merge'>> {
    return this.sync.http('workOrderMerge', body, { params: { id } })
  }

  kbDraft({ id }: ConsoleRequest<'workOrders.kbDraft'>): Promise<ConsoleResponse<'workOrders.kbDraft'>> {
    return this.sync.http('workOrderKbDraft', undefined, { params: { id } })
  }

  attachments({ id }: ConsoleRequest<'workOrders.attachments'>): Promise<ConsoleResponse<'workOrders.attachments'>> {
    return this.sync.http('workOrderAttachments', undefined, { params: { id } })
  }

  attach({ id, ...body }: ConsoleRequest<'workOrders.attach'>): Promise<ConsoleResponse<'workOrders.attach'>> {
    return this.sync.http('workOrderAttachmentUpload', body, { params: { id } })
  }

  attachment({
    id,
    attachmentId,
  }: ConsoleRequest<'workOrders.attachment'>): Promise<ConsoleResponse<'workOrders.attachment'>> {
    return this.sync.http('workOrderAttachmentGet', undefined, { params: { id, attachmentId } })
  }
}
