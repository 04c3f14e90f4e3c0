import { describe, expect, it } from 'vitest'
import { recognizeIntent, type ChatIntent } from '../../src/shared/chat/intent'

const cases: [string, ChatIntent][] = [
  // Simplified, as typed on a phone
  ['我上周买的冰箱坏了，能退吗', '售后'],
  ['空调不制冷了，啥时候能来修一下', '售后'],
  ['洗衣机漏水漏了一地', '售后'],
  ['想换货，尺寸不对', '售后'],
  ['我的维修进度到哪了？', '进度查询'],
  ['师傅说今天上门，怎么还没来', '进度查询'],
  ['服务码 7K3M9QXA 查一下', '进度查询'],
  ['你们那个师傅态度太差了，我要投诉', '投诉'],
  ['什么破服务，等了三天没人理，给个说法', '投诉'],
  ['再这样我就打12315了', '投诉'],
  ['想预约明天下午上门安装', '预约'],
  ['能不能约个时间到店看看', '预约'],
  ['这款空调多少钱，有没有优惠活动', '咨询'],
  ['请问会员积分怎么用', '咨询'],
  ['两款洗衣机有什么区别，推荐哪款', '咨询'],
  // Traditional (Taiwan / Hong Kong)
  ['我買的冰箱壞了，可以退貨嗎', '售后'],
  ['請問維修進度到哪了', '进度查询'],
  ['你們客服態度很差，我要投訴', '投诉'],
  ['想預約週六到店', '预约'],
  ['這台冷氣多少錢？有優惠嗎', '咨询'],
]

describe('intent from the first messages', () => {
  it.each(cases)('%s → %s', (text, intent) => {
    expect(recognizeIntent([text]).intent).toBe(intent)
  })

  it('recognises nothing from a greeting or small talk', () => {
    for (const text of ['你好', '在吗？', '喂', 'hello', '今天天气不错'])
      expect(recognizeIntent([text]).intent).toBeNull()
  })

  it('reads several messages, the latest counting double', () => {
    expect(recognizeIntent(['你好', '我想问一下', '冰箱不制冷了']).intent).toBe('售后')
    expect(recognizeIntent(['请问维修要多少钱', '算了，你们师傅态度太差，我要投诉']).intent).toBe('投诉')
  })

  it('breaks a tie toward the intent costlier to miss', () => {
    // 投诉 5 + 退货 4 vs …: a complaint about a return is a complaint
    expect(recognizeIntent(['退货退了一个月还没退款，我要投诉']).intent).toBe('投诉')
  })
})
