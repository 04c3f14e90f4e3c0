import type { Locale } from '../../shared/domain/roles'

/** Every word of the chat widget and its bot, zh-CN first; the widget script gets the same table. */
const zhCN = {
  title: '在线客服',
  subtitle: '智能助手 · 7×24 小时',
  largeFont: '大字',
  language: '语言',
  handoff: '转人工',
  send: '发送',
  placeholder: '请输入您的问题…',
  connecting: '正在连接…',
  reconnecting: '连接中断，正在重新连接…',
  tooLong: '消息最多 {max} 字',
  refused: '消息无法发送：{reason}',
  rateLimited: '发送太频繁，请 {seconds} 秒后再试',
  sending: '发送中',
  queueHeading: '排队中',
  queuePosition: '您前面还有 {ahead} 位，当前排第 {position} 位',
  queueNext: '当前排第 1 位，下一位就是您',
  queueEta: '预计等待约 {minutes} 分钟',
  queueNoAgents: '当前暂无空闲客服，请稍候，我们会尽快接入',
  'author.bot': '智能助手',
  'author.agent': '客服',
  'author.system': '系统消息',
  fromKb: '来自知识库',
  handoffQueued: '已转人工',
  close: '关闭',
  open: '在线客服',
  'bot.greeting':
    '您好，我是智能助手，很高兴为您服务！您可以直接描述问题，例如“空调不制冷怎么办”“退货运费谁承担”；查询进度请发送服务码和手机号后 4 位。需要人工服务请随时点「转人工」。',
  'bot.kbAnswer': '为您找到《{title}》：\n{answer}',
  'bot.kbFollowUp': '以上是否解决了您的问题？如未解决，可以换个说法再问，或点「转人工」。',
  'bot.rephrase': '抱歉，我没有完全理解您的问题，能换个说法描述一下吗？例如“商品坏了怎么保修”。',
  'bot.offerHandoff': '看来我暂时帮不上忙，建议您点「转人工」，由客服为您处理。',
  'bot.askCode': '请发送服务单上的 8 位服务码和预留手机号后 4 位，例如：7K3M9QXA 5678',
  'bot.askDigits': '收到服务码 {code}，请再发送预留手机号后 4 位。',
  'bot.progress': '服务单 {code}（{title}）当前状态：{status}。{hint}',
  'bot.progressLast': '最新进展：{entry}',
  'bot.noMatch': '服务码或手机号后 4 位不正确，请核对后重新发送。',
  'bot.lookupLimited': '查询次数过多，请 {minutes} 分钟后再试，或点「转人工」。',
  'bot.queued':
    '已为您转接人工客服（{queue}），当前排第 {position} 位，预计等待约 {minutes} 分钟。您的对话记录会一并转给客服，无需重复描述。',
  'bot.queuedNoAgents':
    '已为您转接人工客服（{queue}）。当前暂无空闲客服，您排第 {position} 位，客服上线后会第一时间接入。',
  'bot.stillQueued': '您已在排队中，当前排第 {position} 位，请稍候。',
}

export type ChatTextKey = keyof typeof zhCN

const zhTW: Record<ChatTextKey, string> = {
  title: '線上客服',
  subtitle: '智慧助理 · 7×24 小時',
  largeFont: '大字',
  language: '語言',
  handoff: '轉人工',
  send: '傳送',
  placeholder: '請輸入您的問題…',
  connecting: '正在連線…',
  reconnecting: '連線中斷，正在重新連線…',
  tooLong: '訊息最多 {max} 字',
  refused: '訊息無法傳送：{reason}',
  rateLimited: '傳送太頻繁，請 {seconds} 秒後再試',
  sending: '傳送中',
  queueHeading: '排隊中',
  queuePosition: '您前面還有 {ahead} 位，目前排第 {position} 位',
  queueNext: '目前排第 1 位，下一位就是您',
  queueEta: '預計等待約 {minutes} 分鐘',
  queueNoAgents: '目前暫無空閒客服，請稍候，我們會盡快接入',
  'author.bot': '智慧助理',
  'author.agent': '客服',
  'author.system': '系統訊息',
  fromKb: '來自知識庫',
  handoffQueued: '已轉人工',
  close: '關閉',
  open: '線上客服',
  'bot.greeting':
    '您好，我是智慧助理，很高興為您服務！您可以直接描述問題，例如「冷氣不冷怎麼辦」「退貨運費誰負擔」；查詢進度請傳送服務碼和手機號後 4 位。需要人工服務請隨時點「轉人工」。',
  'bot.kbAnswer': '為您找到《{title}》：\n{answer}',
  'bot.kbFollowUp': '以上是否解決了您的問題？如未解決，可以換個說法再問，或點「轉人工」。',
  'bot.rephrase': '抱歉，我沒有完全理解您的問題，能換個說法描述一下嗎？例如「商品壞了怎麼保修」。',
  'bot.offerHandoff': '看來我暫時幫不上忙，建議您點「轉人工」，由客服為您處理。',
  'bot.askCode': '請傳送服務單上的 8 位服務碼和預留手機號後 4 位，例如：7K3M9QXA 5678',
  'bot.askDigits': '收到服務碼 {code}，請再傳送預留手機號後 4 位。',
  'bot.progress': '服務單 {code}（{title}）目前狀態：{status}。{hint}',
  'bot.progressLast': '最新進展：{entry}',
  'bot.noMatch': '服務碼或手機號後 4 位不正確，請核對後重新傳送。',
  'bot.lookupLimited': '查詢次數過多，請 {minutes} 分鐘後再試，或點「轉人工」。',
  'bot.queued':
    '已為您轉接人工客服（{queue}），目前排第 {position} 位，預計等待約 {minutes} 分鐘。您的對話紀錄會一併轉給客服，無需重複描述。',
  'bot.queuedNoAgents':
    '已為您轉接人工客服（{queue}）。目前暫無空閒客服，您排第 {position} 位，客服上線後會第一時間接入。',
  'bot.stillQueued': '您已在排隊中，目前排第 {position} 位，請稍候。',
}

const en: Record<ChatTextKey, string> = {
  title: 'Customer service',
  subtitle: 'Assistant · 24/7',
  largeFont: 'Large',
  language: 'Language',
  handoff: 'Talk to a person',
  send: 'Send',
  placeholder: 'Type your question…',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost, reconnecting…',
  tooLong: 'A message has at most {max} characters',
  refused: 'The message could not be sent: {reason}',
  rateLimited: 'Too many messages; try again in {seconds} s',
  sending: 'Sending',
  queueHeading: 'In the queue',
  queuePosition: '{ahead} ahead of you, you are number {position}',
  queueNext: 'You are number 1: next in line',
  queueEta: 'Estimated wait about {minutes} min',
  queueNoAgents: 'No agent is free right now; please hold on, we will be with you soon',
  'author.bot': 'Assistant',
  'author.agent': 'Agent',
  'author.system': 'Notice',
  fromKb: 'From our help center',
  handoffQueued: 'Waiting for an agent',
  close: 'Close',
  open: 'Chat with us',
  'bot.greeting':
    'Hello, I am the service assistant. Describe your question, e.g. "the air conditioner does not cool" or "who pays return shipping"; to check progress, send your service code and the last 4 digits of your phone. Press "Talk to a person" at any time.',
  'bot.kbAnswer': 'From "{title}":\n{answer}',
  'bot.kbFollowUp': 'Did this answer your question? If not, try asking another way, or press "Talk to a person".',
  'bot.rephrase':
    'Sorry, I did not quite understand. Could you say it another way, e.g. "my product is broken, is it under warranty"?',
  'bot.offerHandoff': 'It looks like I cannot help with this. Press "Talk to a person" and an agent will take over.',
  'bot.askCode': 'Please send the 8-character service code and the last 4 digits of your phone, e.g. 7K3M9QXA 5678',
  'bot.askDigits': 'Got the service code {code}. Please send the last 4 digits of your phone.',
  'bot.progress': 'Service {code} ({title}) is now: {status}. {hint}',
  'bot.progressLast': 'Latest update: {entry}',
  'bot.noMatch': 'The service code or the last 4 digits do not match. Please check and send them again.',
  'bot.lookupLimited': 'Too many lookups. Try again in {minutes} min, or press "Talk to a person".',
  'bot.queued':
    'You are in the queue for an agent ({queue}): number {position}, estimated wait about {minutes} min. The agent sees this conversation, so no need to repeat yourself.',
  'bot.queuedNoAgents':
    'You are in the queue for an agent ({queue}), number {position}. No agent is free right now; one will join as soon as possible.',
  'bot.stillQueued': 'You are already in the queue, number {position}. Please hold on.',
}

export const CHAT_TEXT: Record<Locale, Record<ChatTextKey, string>> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en }

/** A phrase in the language, with {placeholders} filled in. */
export function chatText(lang: Locale, key: ChatTextKey, params: Record<string, string | number> = {}): string {
  let s = CHAT_TEXT[lang][key]
  for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v))
  return s
}
