import { z } from 'zod'
import { normalizeChinese } from '../text/chineseText'

export const ChatIntent = z.enum(['咨询', '售后', '进度查询', '投诉', '预约'])
export type ChatIntent = z.infer<typeof ChatIntent>

type Rule = readonly [pattern: RegExp, weight: number]

/**
 * Cue words per intent with their weight, matched on Simplified, width-folded text (Traditional
 * input is converted first). Strong cues (投诉, 进度, 退货, 预约) weigh 4–5; words that lean one
 * way but also occur elsewhere (上门, 怎么样, 请问) 1–2.
 */
const RULES: Record<ChatIntent, readonly Rule[]> = {
  投诉: [
    [/投诉|举报|12315|消协|消费者协会/, 5],
    [/态度(太|很|特别|非常)?(差|不好|恶劣|冷淡)|爱理不理/, 4],
    [/差评|曝光|欺骗|骗子|骗人|忽悠|坑人|垃圾/, 3],
    [/不满意|太过分|气死|受不了|什么破|太差/, 3],
    [/找(你们)?(领导|经理|负责人)|赔偿|给个说法/, 3],
  ],
  售后: [
    [/退货|退款|换货|退换|三包|保修|维修|报修/, 4],
    [/坏了|故障|不制冷|不制热|漏水|漏电|不转|黑屏|开不了机|不开机|打不着|报错|异响|噪音/, 3],
    [/(能|可以|想|要|怎么)退|修一下|修好|质量问题|用不了|不能用|不好用|不工作|不出水/, 3],
    [/安装|配件|发票|售后/, 2],
  ],
  进度查询: [
    [/进度|进展|服务码|工单号/, 4],
    [/到哪(里|儿)?了|怎么(还|都)?没(有)?(到|来|上门|修|处理|回复|消息)|还没(有)?(到|来|上门|修好|处理|回复|消息)/, 4],
    [/(处理|修|办)得?怎么样了|什么时候(能)?(到|来|上门|修好|处理|退款到账)|有结果了吗|查(一下|询)/, 3],
    [/物流|快递|状态|单号/, 2],
    [/\b[2-9A-HJ-NP-Z]{8}\b/, 4],
  ],
  预约: [
    [/预约|预定|预订|改约|改期|挂号/, 5],
    [/约(个|一下)?时间|排个时间|什么时候有空|哪天(可以|能)/, 3],
    [/(明天|后天|今天|周[一二三四五六日末]|星期[一二三四五六日天]|下周|上午|下午).{0,6}(来|上门|过来|到店|安装)/, 2],
    [/到店|上门/, 1],
  ],
  咨询: [
    [/咨询|多少钱|价格|价钱|优惠|活动|折扣|推荐|哪款|区别|参数|型号|会员|积分|分期|以旧换新/, 3],
    [/请问|想了解|想问|问一下|有没有|怎么样|能不能|是否|可不可以/, 1],
  ],
}

/** When two intents score the same, the one costlier to miss wins. */
const PRECEDENCE: readonly ChatIntent[] = ['投诉', '售后', '进度查询', '预约', '咨询']

/** Below this score nothing is recognised yet: the bot keeps asking. */
export const INTENT_MIN_SCORE = 3

export interface IntentResult {
  intent: ChatIntent | null
  scores: Record<ChatIntent, number>
}

function scoreText(text: string): Record<ChatIntent, number> {
  const scores = { 咨询: 0, 售后: 0, 进度查询: 0, 投诉: 0, 预约: 0 }
  for (const intent of PRECEDENCE) {
    for (const [pattern, weight] of RULES[intent]) if (pattern.test(text)) scores[intent] += weight
  }
  return scores
}

/**
 * The intent of a conversation from its first visitor messages (oldest first): each message is
 * scored on its own and the latest counts double, so "我想问一下… 其实是要投诉" ends on 投诉.
 */
export function recognizeIntent(messages: readonly string[]): IntentResult {
  const total = { 咨询: 0, 售后: 0, 进度查询: 0, 投诉: 0, 预约: 0 }
  messages.forEach((m, i) => {
    const s = scoreText(normalizeChinese(m))
    const factor = i === messages.length - 1 && messages.length > 1 ? 2 : 1
    for (const k of PRECEDENCE) total[k] += s[k] * factor
  })
  let best: ChatIntent | null = null
  for (const k of PRECEDENCE) if (total[k] >= INTENT_MIN_SCORE && (best === null || total[k] > total[best])) best = k
  return { intent: best, scores: total }
}
