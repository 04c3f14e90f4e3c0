import { createHash, randomUUID } from 'node:crypto'
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Kysely, Selectable } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import {
  AttachmentType,
  MAX_ATTACHMENT_BYTES,
  sniffAttachmentType,
  type AttachmentContent,
  type AttachmentInfo,
  type UploadAttachmentRequest,
} from '../../shared/workOrders/attachments'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database, WorkOrderAttachmentsTable } from '../db/schema'
import { lockFeed, type Appended } from '../sync/changeFeed'
import { recordActivity } from './activityLog'
import { feedOrder, orderForAction } from './orderTransaction'

const infoOf = (r: Selectable<WorkOrderAttachmentsTable>): AttachmentInfo => ({
  id: r.id,
  workOrderId: r.work_order_id,
  fileName: r.file_name,
  contentType: AttachmentType.parse(r.content_type),
  size: Number(r.size),
  sha256: r.sha256,
  uploadedAt: Number(r.uploaded_at),
  uploadedBy: r.uploaded_by,
})

/**
 * Work-order attachments (W5): images (PNG, JPEG, WebP) and PDF up to 5 MB, the type taken from
 * the bytes' magic numbers rather than the name. The bytes live on the server's disk under
 * `<dataDir>/attachments/<sha256>` (the same file stored once), the facts in the database.
 */
export class AttachmentStore {
  private readonly dir: string

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    dataDir: string,
    private readonly now: () => number,
    private readonly broadcast: (a: Appended) => void,
  ) {
    this.dir = join(dataDir, 'attachments')
  }

  async upload(claims: AccessClaims, orderId: string, req: UploadAttachmentRequest): Promise<AttachmentInfo> {
    const bytes = Buffer.from(req.dataBase64, 'base64')
    if (bytes.length > MAX_ATTACHMENT_BYTES) {
      throw new ApiFailure({
        code: 'SCHEMA',
        field: 'dataBase64',
        message: `the file has ${bytes.length} bytes; at most ${MAX_ATTACHMENT_BYTES} (5 MB) are accepted`,
      })
    }
    const contentType = sniffAttachmentType(bytes)
    if (!contentType) {
      throw new ApiFailure({
        code: 'SCHEMA',
        field: 'dataBase64',
        message: 'the content is not a PNG, JPEG or WebP image or a PDF (checked by its bytes, not its name)',
      })
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    await orderForAction(this.db, claims, orderId)
    await this.writeOnce(sha256, bytes)
    const now = this.now()
    const values = {
      id: `at-${randomUUID()}`,
      work_order_id: orderId,
      file_name: req.fileName,
      content_type: contentType,
      size: bytes.length,
      sha256,
      uploaded_at: now,
      uploaded_by: claims.sub,
    }
    const appended = await this.db.transaction().execute(async (trx) => {
      await lockFeed(trx, this.kind)
      const row = await orderForAction(trx, claims, orderId)
      if (row.status === 'closed') {
        throw new ApiFailure({ code: 'CONFLICT', message: 'a closed work order takes no attachments; reopen it first' })
      }
      await trx.insertInto('work_order_attachments').values(values).execute()
      await recordActivity(trx, {
        id: `we-${randomUUID()}`,
        workOrderId: row.id,
        at: now,
        kind: 'attachment',
        visibility: 'internal',
        authorId: claims.sub,
        body: req.fileName,
        data: { attachmentId: values.id, contentType, size: bytes.length },
      })
      return feedOrder(trx, this.kind, row, ['activity'], claims.sub, now)
    })
    this.broadcast(appended)
    return infoOf(values)
  }

  async list(claims: AccessClaims, orderId: string): Promise<AttachmentInfo[]> {
    await orderForAction(this.db, claims, orderId)
    const rows = await this.db
      .selectFrom('work_order_attachments')
      .selectAll()
      .where('work_order_id', '=', orderId)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute()
    return rows.map(infoOf)
  }

  async download(claims: AccessClaims, orderId: string, attachmentId: string): Promise<AttachmentContent> {
    await orderForAction(this.db, claims, orderId)
    const row = await this.db
      .selectFrom('work_order_attachments')
      .selectAll()
      .where('id', '=', attachmentId)
      .where('work_order_id', '=', orderId)
      .executeTakeFirst()
    if (!row) {
      throw new ApiFailure({
        code: 'NOT_FOUND',
        field: 'attachmentId',
        message: `work order ${orderId} has no attachment ${attachmentId}`,
      })
    }
    const bytes = await readFile(join(this.dir, row.sha256))
    return { ...infoOf(row), dataBase64: bytes.toString('base64') }
  }

  /** Content-addressed: written to a temporary name and renamed, so a reader never sees half a file. */
  private async writeOnce(sha256: string, bytes: Buffer): Promise<void> {
    const target = join(this.dir, sha256)
    const exists = await access(target).then(
      () => true,
      () => false,
    )
    if (exists) return
    await mkdir(this.dir, { recursive: true })
    const tmp = `${target}.${randomUUID()}.tmp`
    await writeFile(tmp, bytes)
    await rename(tmp, target)
  }
}
