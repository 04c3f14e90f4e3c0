import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { ApiFailure } from '../../shared/api/errors'
import { surveyOutcome, type SurveyAnswer, type SurveyOutcome } from '../../shared/portal/portal'
import type { AccessClaims } from '../auth/accessTokens'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import { lockFeed, type Appended } from '../sync/changeFeed'
import { applyWriteIn } from '../sync/writeService'
import { recordActivity } from '../workOrders/activityLog'
import { loadEscalationContacts } from '../workOrders/escalationContacts'
import { feedOrder } from '../workOrders/orderTransaction'
import { notificationOf } from '../workOrders/slaNotifications'
import type { SlaNotification } from '../../shared/workOrders/createWorkOrder'

/** Who reopens an order after a poor rating: the customer's survey, not a staff member. */
const SURVEY_ACTOR: AccessClaims = { sub: 'system:survey', role: 'supervisor', storeId: null, name: '满意度调查' }

const NO_SURVEY = { code: 'NOT_FOUND', message: 'this survey link is unknown or has expired' } as const

export interface SurveyForm {
  serviceCode: string
  type: string
  title: string
  answered: boolean
}

/**
 * The satisfaction survey (W7): answered once per invitation. A poor rating reopens the order
 * through the same write a seat would send (status machine, SLA clocks, change feed), tells the
 * supervisors and leaves an internal activity entry with the scores; a good one just records.
 */
export class SurveyAnswers {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DbKind,
    private readonly now: () => number,
    private readonly broadcast: (a: Appended) => void,
    /** after commit: the supervisors' new notifications, to push live */
    private readonly notify: (userId: string, notifications: SlaNotification[]) => void = () => undefined,
  ) {}

  /** What the survey page shows for a link, or null for an unknown or expired one. */
  async form(token: string): Promise<SurveyForm | null> {
    const row = await this.db
      .selectFrom('survey_invitations as si')
      .innerJoin('work_orders as wo', 'wo.id', 'si.work_order_id')
      .select(['wo.service_code', 'wo.type', 'wo.title', 'si.answered_at', 'si.expires_at'])
      .where('si.token', '=', token)
      .executeTakeFirst()
    if (!row || (row.answered_at === null && Number(row.expires_at) <= this.now())) return null
    return { serviceCode: row.service_code, type: row.type, title: row.title, answered: row.answered_at !== null }
  }

  async answer(token: string, answer: SurveyAnswer): Promise<{ outcome: SurveyOutcome }> {
    const now = this.now()
    const contacts = await loadEscalationContacts(this.db)
    const notified: (SlaNotification & { userId: string })[] = []
    const { outcome, appended } = await this.db.transaction().execute(async (trx) => {
      // the feed head first, as every write does: one lock order
      await lockFeed(trx, this.kind)
      const invitation = await this.claim(trx, token, answer, now)
      let outcome = surveyOutcome(answer)
      let appended: Appended | null = null
      if (outcome === 'reopened') {
        const reopen = await applyWriteIn(
          trx,
          this.kind,
          SURVEY_ACTOR,
          {
            opId: invitation.id,
            mutation: { kind: 'workOrder.setStatus', workOrderId: invitation.work_order_id, status: 'in_progress' },
          },
          now,
        )
        // already reopened by staff: the supervisors still hear of it
        if (reopen.appended) appended = reopen.appended
        else outcome = 'flagged'
      }
      await trx.updateTable('survey_invitations').set({ outcome }).where('id', '=', invitation.id).execute()
      await this.record(trx, invitation, answer, outcome, now)
      if (outcome !== 'recorded') {
        const supervisors = contacts[1]
        if (supervisors.length > 0) {
          const rows = supervisors.map((userId) => ({
            id: randomUUID(),
            user_id: userId,
            work_order_id: invitation.work_order_id,
            kind: 'survey.poor',
            clock: null,
            tier: null,
            at: now,
            created_at: now,
            read_at: null,
          }))
          await trx.insertInto('notifications').values(rows).execute()
          const order = await trx
            .selectFrom('work_orders')
            .select(['service_code', 'title'])
            .where('id', '=', invitation.work_order_id)
            .executeTakeFirstOrThrow()
          notified.push(...rows.map((r) => notificationOf(r, order)))
        }
      }
      appended ??= await this.activityChanged(trx, invitation.work_order_id, now)
      return { outcome, appended }
    })
    this.broadcast(appended)
    for (const { userId, ...n } of notified) this.notify(userId, [n])
    return { outcome }
  }

  /** Stores the answer once: a second answer, an unknown or expired link are refused. */
  private async claim(trx: Transaction<Database>, token: string, answer: SurveyAnswer, now: number) {
    const invitation = await trx
      .selectFrom('survey_invitations')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirst()
    if (!invitation) throw new ApiFailure(NO_SURVEY)
    if (invitation.answered_at !== null) {
      throw new ApiFailure({ code: 'CONFLICT', message: 'this survey has already been answered' })
    }
    if (Number(invitation.expires_at) <= now) throw new ApiFailure(NO_SURVEY)
    const claimed = await trx
      .updateTable('survey_invitations')
      .set({ answered_at: now, csat: answer.csat, nps: answer.nps, comment: answer.comment })
      .where('id', '=', invitation.id)
      .where('answered_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) {
      throw new ApiFailure({ code: 'CONFLICT', message: 'this survey has already been answered' })
    }
    return invitation
  }

  /** The scores on the order's activity (agents see them) and on the customer's timeline. */
  private async record(
    trx: Transaction<Database>,
    invitation: { id: string; work_order_id: string; customer_id: string },
    answer: SurveyAnswer,
    outcome: SurveyOutcome,
    now: number,
  ): Promise<void> {
    const scores = `CSAT ${answer.csat}/5 · NPS ${answer.nps}/10`
    await recordActivity(trx, {
      id: `we-survey-answer-${invitation.id}`,
      workOrderId: invitation.work_order_id,
      at: now,
      kind: 'survey',
      visibility: 'internal',
      authorId: null,
      body: answer.comment ? `${scores}: ${answer.comment}` : scores,
      data: { invitationId: invitation.id, csat: answer.csat, nps: answer.nps, comment: answer.comment, outcome },
    })
    const order = await trx
      .selectFrom('work_orders')
      .select('service_code')
      .where('id', '=', invitation.work_order_id)
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('timeline_events')
      .values({
        id: `ts-${invitation.id}`,
        customer_id: invitation.customer_id,
        at: now,
        kind: 'survey',
        channel: 'web',
        title: `满意度调查 ${scores}`,
        ref_id: order.service_code,
      })
      .execute()
  }

  /** A change on the feed so open order screens fetch the new activity entry. */
  private async activityChanged(trx: Transaction<Database>, workOrderId: string, now: number): Promise<Appended> {
    const row = await trx.selectFrom('work_orders').selectAll().where('id', '=', workOrderId).executeTakeFirstOrThrow()
    await trx.updateTable('work_orders').set({ updated_at: now }).where('id', '=', row.id).execute()
    return feedOrder(trx, this.kind, { ...row, updated_at: now }, ['activity'], null, now)
  }
}
