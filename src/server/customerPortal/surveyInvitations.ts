import { randomBytes, randomUUID } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, WorkOrdersTable } from '../db/schema'
import { recordActivity } from '../workOrders/activityLog'

/** How long a survey link stays answerable. */
export const SURVEY_VALID_DAYS = 30

/** The link's secret: 192 random bits, URL-safe. */
const newSurveyToken = () => randomBytes(24).toString('base64url')

/**
 * On resolve, inside the status change's transaction: the order gets a survey invitation (one
 * unguessable link) unless one is still open from an earlier resolve; recorded on the activity.
 */
export async function inviteToSurvey(
  trx: Transaction<Database>,
  order: Pick<Selectable<WorkOrdersTable>, 'id' | 'customer_id'>,
  now: number,
): Promise<void> {
  if (await openInvitation(trx, order.id, now)) return
  const id = randomUUID()
  await trx
    .insertInto('survey_invitations')
    .values({
      id,
      token: newSurveyToken(),
      work_order_id: order.id,
      customer_id: order.customer_id,
      created_at: now,
      expires_at: now + SURVEY_VALID_DAYS * 86_400_000,
      answered_at: null,
      csat: null,
      nps: null,
      comment: null,
      outcome: null,
    })
    .execute()
  await recordActivity(trx, {
    id: `we-survey-${id}`,
    workOrderId: order.id,
    at: now,
    kind: 'survey',
    visibility: 'internal',
    authorId: null,
    body: '已向客户发出满意度调查',
    data: { invitationId: id, sent: true },
  })
}

/** The order's unanswered, unexpired invitation, if any. */
export function openInvitation(db: Kysely<Database> | Transaction<Database>, workOrderId: string, now: number) {
  return db
    .selectFrom('survey_invitations')
    .select(['id', 'token'])
    .where('work_order_id', '=', workOrderId)
    .where('answered_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}
