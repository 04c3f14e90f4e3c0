import { sql, type Insertable, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { hashPassword } from '../auth/passwords'
import { maskPhone } from '../../shared/domain/phone'
import type { PiiCipher } from '../privacy/piiCipher'
import { chineseName, phoneFor } from './chineseNames'
import { DEMO_ARTICLES, DEMO_SYNONYM_GROUPS } from './kbArticles'
import { DEMO_PASSWORD, DEMO_USERS } from './demoUsers'
import { intBetween, pick, seededRandom } from './random'
import { serviceCodeFor } from './serviceCode'
import { STORES } from './stores'
import type { WorkOrderStatus } from '../../shared/domain/records'

export interface SeedOptions {
  customers: number
  /** extra generated agents beyond the demo accounts (all with the demo password) */
  agents: number
  seed: number
  /** the generator's "now"; fixed by default so the same options give the same rows */
  baseTime: number
  /** encrypts and hashes phone numbers, as every write of personal data does */
  pii: PiiCipher
  /** average purchases per customer (each also a timeline event) */
  purchasesPerCustomer: number
  /** average calls / chats / visits / surveys / coupons per customer on the timeline */
  extraEventsPerCustomer: number
  onProgress?: (table: string, done: number, total: number) => void
}

export const DEFAULT_SEED: Omit<SeedOptions, 'pii'> = {
  customers: 2000,
  agents: 0,
  seed: 20261123,
  purchasesPerCustomer: 2,
  extraEventsPerCustomer: 2,
  baseTime: Date.UTC(2026, 10, 1, 1, 0, 0),
}

export interface SeedCounts {
  stores: number
  users: number
  customers: number
  purchases: number
  workOrders: number
  appointments: number
  timelineEvents: number
  kbArticles: number
}

const DAY = 86_400_000
const BATCH = 1000
const PRODUCTS = [
  ['KFR-35GW 变频挂机', 3299],
  ['KFR-72LW 柜机', 7999],
  ['BCD-520 对开门冰箱', 4599],
  ['XQG100 滚筒洗衣机', 2899],
  ['55 寸 4K 电视', 3199],
  ['扫地机器人 S8', 2499],
  ['空气净化器 P5', 1299],
  ['电热水器 60L', 1599],
  ['厨房小家电套装', 699],
  ['延保服务 2 年', 299],
] as const
const WO_TYPES = ['咨询', '售后', '维修', '退换货', '投诉', '建议', '表扬'] as const
/**
 * A work order's status by its age: the last few days' orders are still being worked, older ones
 * mostly resolved, and anything past three weeks closed — so the demo agents' loads stay under
 * their capacity and new orders are really assigned.
 */
function statusesAtAge(hours: number): readonly WorkOrderStatus[] {
  if (hours < 4 * 24) return ['new', 'assigned', 'in_progress', 'in_progress', 'waiting_customer', 'resolved']
  if (hours < 21 * 24) return ['resolved', 'closed', 'closed']
  return ['closed']
}
const TAGS = ['偏好浅色系', '价格敏感', '关注节能', '老人使用', '有小孩', '喜欢新品', '需要上门安装', '只在周末方便']
const APPT_TYPES = ['产品体验', '售后维修', '咨询讲解'] as const

function phoneColumns(pii: PiiCipher, national: string) {
  return { phone_enc: pii.encrypt(national), phone_hash: pii.lookupHash(national), phone_masked: maskPhone(national) }
}

/** Writes rows in batches inside transactions; the generator streams, so memory stays flat. */
async function insertBatched<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  total: number,
  make: (i: number) => Insertable<Database[T]> | Insertable<Database[T]>[],
  onProgress?: SeedOptions['onProgress'],
): Promise<number> {
  let written = 0
  let buffer: Insertable<Database[T]>[] = []
  const flushEvery = BATCH * 20
  let trxRows: Insertable<Database[T]>[][] = []
  const commit = async () => {
    const batches = trxRows
    trxRows = []
    await db.transaction().execute(async (trx) => {
      // the table type is generic here; Kysely cannot narrow it, so the insert is typed loosely
      for (const rows of batches)
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute()
    })
  }
  for (let i = 0; i < total; i++) {
    const made = make(i)
    if (Array.isArray(made)) buffer.push(...made)
    else buffer.push(made)
    if (buffer.length >= BATCH) {
      trxRows.push(buffer)
      written += buffer.length
      buffer = []
      if (trxRows.length * BATCH >= flushEvery) {
        await commit()
        onProgress?.(table, i + 1, total)
      }
    }
  }
  if (buffer.length) {
    trxRows.push(buffer)
    written += buffer.length
  }
  if (trxRows.length) await commit()
  onProgress?.(table, total, total)
  return written
}

/** Deterministic demo and benchmark data: same options, same rows. */
export async function seedDatabase(db: Kysely<Database>, opts: SeedOptions): Promise<SeedCounts> {
  const rnd = seededRandom(opts.seed)
  const t0 = opts.baseTime

  await db
    .insertInto('stores')
    .values(STORES.map((s) => ({ ...s })))
    .execute()

  const demoHash = await hashPassword(DEMO_PASSWORD)
  const users: Insertable<Database['users']>[] = DEMO_USERS.map((u) => ({
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    store_id: u.storeId,
    skills: JSON.stringify(u.skills),
    password_hash: demoHash,
    created_at: t0,
  }))
  for (let i = 0; i < opts.agents; i++) {
    users.push({
      id: `u-bench-${i}`,
      username: `bench${String(i).padStart(4, '0')}`,
      display_name: chineseName(rnd),
      role: 'agent',
      store_id: null,
      skills: JSON.stringify([pick(rnd, ['售后', '咨询', '投诉', '退换货', '空调维修'])]),
      // one hash for all generated accounts: argon2 is deliberately slow
      password_hash: demoHash,
      created_at: t0,
    })
  }
  for (let i = 0; i < users.length; i += BATCH) {
    await db
      .insertInto('users')
      .values(users.slice(i, i + BATCH))
      .execute()
  }

  const customerId = (i: number) => `c-${String(i + 1).padStart(7, '0')}`
  // Spend per customer is drawn once and drives both purchases and tier.
  const spendOf = (i: number) => {
    const r = seededRandom(opts.seed ^ (i * 2654435761))
    const orders = intBetween(r, 0, 2 * opts.purchasesPerCustomer)
    const lines: { product: string; price: number; at: number }[] = []
    for (let k = 0; k < orders; k++) {
      const [product, price] = pick(r, PRODUCTS)
      lines.push({ product, price, at: t0 - intBetween(r, 1, 720) * DAY })
    }
    return lines
  }

  const customers = await insertBatched(
    db,
    'customers',
    opts.customers,
    (i) => {
      const lines = spendOf(i)
      const yearSpend = lines.filter((l) => l.at > t0 - 365 * DAY).reduce((s, l) => s + l.price, 0)
      const tier = yearSpend >= 5000 ? 'core' : yearSpend >= 1500 ? 'potential' : 'basic'
      const month = intBetween(rnd, 1, 12)
      const day = intBetween(rnd, 1, 28)
      const tagCount = intBetween(rnd, 0, 2)
      return {
        id: customerId(i),
        name: chineseName(rnd),
        ...phoneColumns(opts.pii, phoneFor(i)),
        member_no: `M${String(10_000_000 + i)}`,
        tier,
        home_store_id: STORES[i % STORES.length]!.id,
        birthday: `${intBetween(rnd, 1950, 2004)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        tags: JSON.stringify(Array.from({ length: tagCount }, () => pick(rnd, TAGS))),
        created_at: t0 - intBetween(rnd, 30, 1500) * DAY,
      }
    },
    opts.onProgress,
  )

  let orderSeq = 0
  const purchases = await insertBatched(
    db,
    'purchases',
    opts.customers,
    (i) =>
      spendOf(i).map((l) => {
        orderSeq++
        return {
          id: `p-${orderSeq}`,
          customer_id: customerId(i),
          order_no: `SO${String(20_000_000 + orderSeq)}`,
          store_id: STORES[i % STORES.length]!.id,
          product: l.product,
          amount_cents: l.price * 100,
          purchased_at: l.at,
        }
      }),
    opts.onProgress,
  )

  const workOrderCount = Math.ceil(opts.customers / 5)
  const agents = DEMO_USERS.filter((u) => u.role === 'agent' || u.role === 'frontdesk')
  const workOrders = await insertBatched(
    db,
    'work_orders',
    workOrderCount,
    (i) => {
      const c = intBetween(rnd, 0, opts.customers - 1)
      const type = pick(rnd, WO_TYPES)
      const ageHours = intBetween(rnd, 0, 90 * 24)
      const created = t0 - ageHours * 3_600_000
      const status = pick(rnd, statusesAtAge(ageHours))
      return {
        id: `wo-${i + 1}`,
        service_code: serviceCodeFor(i),
        customer_id: customerId(c),
        store_id: STORES[c % STORES.length]!.id,
        type,
        priority: type === '投诉' ? 'A' : pick(rnd, ['A', 'B', 'C', 'C']),
        status,
        title: `${type}：${pick(rnd, PRODUCTS)[0]}`,
        description: pick(rnd, [
          '客户反映不制冷，希望尽快上门',
          '咨询延保价格',
          '要求更换同型号',
          '对安装师傅服务很满意',
          '遥控器失灵',
          '噪音大，影响休息',
        ]),
        assignee_id: status === 'new' ? null : pick(rnd, agents).id,
        created_at: created,
        updated_at: created + intBetween(rnd, 0, 72) * 3_600_000,
      }
    },
    opts.onProgress,
  )

  const appointmentCount = Math.ceil(opts.customers / 20)
  const appointments = await insertBatched(
    db,
    'appointments',
    appointmentCount,
    (i) => {
      const c = intBetween(rnd, 0, opts.customers - 1)
      const slot = t0 + intBetween(rnd, -14, 14) * DAY + intBetween(rnd, 10, 20) * 3_600_000
      return {
        id: `ap-${i + 1}`,
        customer_id: customerId(c),
        store_id: STORES[c % STORES.length]!.id,
        service_type: pick(rnd, APPT_TYPES),
        slot_start: slot,
        status: slot < t0 ? pick(rnd, ['done', 'done', 'no_show']) : 'booked',
        created_at: slot - intBetween(rnd, 1, 10) * DAY,
      }
    },
    opts.onProgress,
  )

  const kbRows = DEMO_ARTICLES.map((a) => ({
    title: a.title,
    body: a.body,
    category: a.category,
    tags: JSON.stringify(a.tags),
    synonyms: JSON.stringify(a.synonyms),
    audience: a.audience,
    status: 'published',
  }))
  await db
    .insertInto('kb_articles')
    .values(kbRows.map((r, i) => ({ ...r, id: DEMO_ARTICLES[i]!.id, version: 1, updated_at: t0 })))
    .execute()
  await db
    .insertInto('kb_article_versions')
    .values(
      kbRows.map((r, i) => ({ ...r, article_id: DEMO_ARTICLES[i]!.id, version: 1, saved_at: t0, saved_by: null })),
    )
    .execute()
  await db
    .insertInto('kb_synonym_groups')
    .values(DEMO_SYNONYM_GROUPS.map((terms, position) => ({ position, terms: JSON.stringify(terms) })))
    .execute()

  const timelineEvents = await seedTimeline(db, opts, rnd, customerId)

  return {
    stores: STORES.length,
    users: users.length,
    customers,
    purchases,
    workOrders,
    appointments,
    timelineEvents,
    kbArticles: DEMO_ARTICLES.length,
  }
}

const EXTRA_EVENTS = [
  ['call', 'phone', '来电咨询'],
  ['call', 'phone', '回访电话'],
  ['chat', 'chat', '在线咨询'],
  ['chat', 'wechat', '微信咨询'],
  ['visit', 'store', '到店体验'],
  ['survey', 'app', '满意度调查 5 分'],
  ['survey', 'web', '满意度调查 3 分'],
  ['coupon', 'app', '发放 50 元维修券'],
] as const

/**
 * The timeline: one event per purchase, work order and appointment (copied by the database), plus
 * calls, chats, visits, surveys and coupons drawn per customer.
 */
async function seedTimeline(
  db: Kysely<Database>,
  opts: SeedOptions,
  rnd: () => number,
  customerId: (i: number) => string,
): Promise<number> {
  const copy = [
    db
      .selectFrom('purchases')
      .select((eb) => [
        sql<string>`'tp-' || ${eb.ref('id')}`.as('id'),
        'customer_id',
        eb.ref('purchased_at').as('at'),
        sql.lit('purchase').as('kind'),
        sql.lit('store').as('channel'),
        eb.ref('product').as('title'),
        eb.ref('order_no').as('ref_id'),
      ]),
    db
      .selectFrom('work_orders')
      .select((eb) => [
        sql<string>`'tw-' || ${eb.ref('id')}`.as('id'),
        'customer_id',
        eb.ref('created_at').as('at'),
        sql.lit('work_order').as('kind'),
        sql.lit('phone').as('channel'),
        eb.ref('title').as('title'),
        eb.ref('service_code').as('ref_id'),
      ]),
    db
      .selectFrom('appointments')
      .select((eb) => [
        sql<string>`'ta-' || ${eb.ref('id')}`.as('id'),
        'customer_id',
        eb.ref('slot_start').as('at'),
        sql.lit('appointment').as('kind'),
        sql.lit('app').as('channel'),
        eb.ref('service_type').as('title'),
        eb.ref('id').as('ref_id'),
      ]),
  ]
  let copied = 0
  for (const q of copy) {
    const res = await db
      .insertInto('timeline_events')
      .columns(['id', 'customer_id', 'at', 'kind', 'channel', 'title', 'ref_id'])
      .expression(q)
      .executeTakeFirst()
    copied += Number(res.numInsertedOrUpdatedRows ?? 0)
  }
  let seq = 0
  const extra = await insertBatched(
    db,
    'timeline_events',
    opts.customers,
    (i) =>
      Array.from({ length: intBetween(rnd, 0, opts.extraEventsPerCustomer * 2) }, () => {
        const [kind, channel, title] = pick(rnd, EXTRA_EVENTS)
        return {
          id: `te-${++seq}`,
          customer_id: customerId(i),
          at: opts.baseTime - intBetween(rnd, 0, 540 * 24) * 3_600_000,
          kind,
          channel,
          title,
          ref_id: null,
        }
      }),
    opts.onProgress,
  )
  return copied + extra
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0) === 0
}
