import { createSocket } from 'node:dgram'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { phoneFor } from '../../src/server/seed/chineseNames'
import { FAKE_MEDIA_FLAGS, launchChromium, screenshot, signIn } from '../support/browser'
import { kamailioMissing, startKamailio, type Kamailio } from '../support/kamailio'
import { startSipCaller, type SipCaller } from '../support/sipCaller'
import { consoleRx, registerPhone } from '../support/softphoneAgent'
import { startStack, type Stack } from '../support/stack'

const AGENT = { user: '1001', password: 'agent01-sip-pw' }
/** the first seeded customer's mobile: a desk phone registered under that number */
const CUSTOMER = { user: phoneFor(0), password: 'customer-sip-pw' }
const CUSTOMER_ID = 'c-0000001'
const masked = (n: string) => `${n.slice(0, 3)}****${n.slice(7)}`
const missing = kamailioMissing()
if (missing) console.warn(`softphone calls e2e skipped: ${missing}`)

const bar = (page: Page) => page.getByTestId('in-call-bar')

/** in-app navigation (hash router): no reload, so the phone stays registered */
const navigate = (page: Page, path: string) => page.evaluate((p) => (location.hash = `#${p}`), path)

/** how many packets arrive in `ms`: 0 means the stream has stopped */
async function growth(read: () => Promise<number>, ms: number, page: Page): Promise<number> {
  const before = await read()
  await page.waitForTimeout(ms)
  return (await read()) - before
}

/** A raw SIP INVITE over UDP with a body that is not SDP; resolves with the final status code. */
function sendBrokenInvite(kamailio: Kamailio, user: string): Promise<number> {
  const socket = createSocket('udp4')
  return new Promise((resolve, reject) => {
    socket.on('error', reject)
    socket.on('message', (msg) => {
      const status = /^SIP\/2\.0 (\d{3})/.exec(msg.toString())
      const code = Number(status?.[1] ?? 0)
      if (code >= 200) {
        socket.close()
        resolve(code)
      }
    })
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      const body = 'v=0\r\nthis is not a session description\r\nm=banana\r\n'
      const invite = [
        `INVITE sip:${user}@127.0.0.1 SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-broken-${Date.now()};rport`,
        'Max-Forwards: 70',
        `From: <sip:fuzzer@127.0.0.1>;tag=broken1`,
        `To: <sip:${user}@127.0.0.1>`,
        `Call-ID: broken-${Date.now()}@127.0.0.1`,
        'CSeq: 1 INVITE',
        `Contact: <sip:fuzzer@127.0.0.1:${port}>`,
        'Content-Type: application/sdp',
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n')
      socket.send(invite, kamailio.udpPort, '127.0.0.1')
    })
  })
}

describe.skipIf(missing !== null)('softphone in a call: dial, in-call controls, media, robustness', () => {
  let kamailio: Kamailio
  let stack: Stack
  let browser: Browser
  let agent: Page
  let customer: SipCaller

  beforeAll(async () => {
    kamailio = await startKamailio([AGENT, CUSTOMER])
    stack = await startStack()
    browser = await launchChromium(FAKE_MEDIA_FLAGS)
    agent = await signIn(browser, stack.consoleUrl, 'agent01')
    await agent.context().grantPermissions(['notifications'], { origin: new URL(stack.consoleUrl).origin })
    await registerPhone(agent, kamailio.wsUrl, AGENT.user, AGENT.password)
    customer = await startSipCaller(browser, kamailio.wsUrl, CUSTOMER.user, CUSTOMER.password)
  })
  afterAll(async () => {
    await customer?.close()
    await browser?.close()
    await stack?.stop()
    await kamailio?.dispose()
  })

  it('refuses an invalid number or SIP URI in the dial pad with a clear message, and sends no INVITE', async () => {
    const before = kamailio.invites().length
    await agent.getByTestId('dial-open').click()
    const pad = agent.getByTestId('dial-pad')
    await pad.waitFor()
    const input = pad.locator('input[data-testid="dial-input"]')

    await input.fill('138-abcd-5678')
    await pad.getByTestId('dial-call').click()
    expect(await pad.getByTestId('dial-error').innerText()).toBe(
      '号码格式不对：请输入手机号、座机号（带区号）或分机号，只能包含数字、*、#',
    )
    await screenshot(agent, 'softphone-dialpad-invalid')

    await input.fill('sip:1900@')
    await input.press('Enter')
    expect(await pad.getByTestId('dial-error').innerText()).toBe(
      'SIP 地址格式不对，应为 sip:用户@主机，例如 sip:1002@pbx.example.com',
    )
    await input.fill('')
    await pad.getByTestId('dial-call').click()
    expect(await pad.getByTestId('dial-error').innerText()).toBe('请输入要拨打的号码')

    // nothing left the console: no call on screen, none at Kamailio, the phone never rang
    await agent.waitForTimeout(500)
    expect(await bar(agent).count()).toBe(0)
    expect(kamailio.invites().length).toBe(before)
    expect(await customer.wasInvited()).toBe(false)
    await agent.keyboard.press('Escape')
  })

  it('dials the customer from the 360 header: the SIP stack gets the full number, the screen keeps it masked', async () => {
    await navigate(agent, `/customers/${CUSTOMER_ID}`)
    await agent.getByTestId('customer-360').waitFor()
    await agent.getByTestId('customer-header').getByTestId('call-customer').click()

    await expect.poll(() => customer.wasInvited(), { timeout: 10_000 }).toBe(true)
    expect(kamailio.invites().at(-1)).toBe(`sip:${CUSTOMER.user}@127.0.0.1`)
    await expect.poll(() => bar(agent).getAttribute('data-state')).toBe('dialing')
    expect(await bar(agent).getByTestId('in-call-number').innerText()).toBe(masked(CUSTOMER.user))
    expect(await agent.getByTestId('customer-phone').innerText()).toBe(masked(CUSTOMER.user))
    expect(await bar(agent).innerText()).not.toContain(CUSTOMER.user)
    await expect.poll(() => bar(agent).getByTestId('in-call-customer').innerText()).not.toBe('')

    await customer.answer()
    await expect.poll(() => bar(agent).getAttribute('data-state'), { timeout: 10_000 }).toBe('established')
    await expect
      .poll(() => bar(agent).getByTestId('in-call-timer').innerText(), { timeout: 5000 })
      .toMatch(/^0:0[1-9]$/)
  })

  it('media flows both ways, stops on hold and comes back on resume', async () => {
    // both sides receive RTP
    await expect
      .poll(() => growth(() => customer.packetsReceived(), 1000, agent), { timeout: 10_000 })
      .toBeGreaterThan(10)
    await expect.poll(() => growth(() => consoleRx(agent), 2100, agent), { timeout: 15_000 }).toBeGreaterThan(10)

    await bar(agent).getByTestId('call-hold').click()
    await expect.poll(() => bar(agent).getAttribute('data-held')).toBe('true')
    expect(await bar(agent).getByTestId('in-call-state').innerText()).toBe('保持中')
    // a packet or two may still be on its way: wait until nothing more arrives on either side
    await expect.poll(() => growth(() => customer.packetsReceived(), 1000, agent), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => growth(() => consoleRx(agent), 2100, agent), { timeout: 15_000 }).toBe(0)

    await bar(agent).getByTestId('call-hold').click()
    await expect.poll(() => bar(agent).getAttribute('data-held')).toBe('false')
    await expect
      .poll(() => growth(() => customer.packetsReceived(), 1000, agent), { timeout: 10_000 })
      .toBeGreaterThan(10)
    await expect.poll(() => growth(() => consoleRx(agent), 2100, agent), { timeout: 15_000 }).toBeGreaterThan(10)
  })

  it('mutes and un-mutes the microphone', async () => {
    await bar(agent).getByTestId('call-mute').click()
    await expect.poll(() => bar(agent).getAttribute('data-muted')).toBe('true')
    expect(await bar(agent).getByTestId('call-mute').innerText()).toBe('取消静音')
    await bar(agent).getByTestId('call-mute').click()
    await expect.poll(() => bar(agent).getAttribute('data-muted')).toBe('false')
  })

  it('sends DTMF from the keypad and the far end receives the digits in order', async () => {
    await bar(agent).getByTestId('call-keypad').click()
    const keypad = agent.getByTestId('dtmf-keypad')
    await keypad.waitFor()
    for (const key of ['1', '2', '#', '0', '*']) await keypad.getByTestId(`key-${key}`).click()
    await expect.poll(() => customer.digits(), { timeout: 10_000 }).toBe('12#0*')
    expect(await keypad.getByTestId('dtmf-sent').innerText()).toBe('已发送：12#0*')
    await agent.mouse.move(0, 0)
    await screenshot(agent, 'softphone-in-call-keypad')
    await agent.keyboard.press('Escape')
  })

  it('hangs up: the far end is released and the bar goes away', async () => {
    await agent.mouse.click(5, 300)
    await bar(agent).getByTestId('call-hangup').click()
    await expect.poll(() => customer.state(), { timeout: 10_000 }).toBe('Terminated')
    await bar(agent).waitFor({ state: 'detached' })
  })

  it('dials from the work-order page with the full number for SIP and the masked one on screen', async () => {
    await navigate(agent, '/work-orders/wo-1')
    const link = agent.getByTestId('wo-customer-phone')
    await link.waitFor()
    const onScreen = await link.innerText()
    const before = kamailio.invites().length
    await agent.getByTestId('wo-customer').getByTestId('call-customer').click()
    await expect.poll(() => kamailio.invites().length, { timeout: 10_000 }).toBe(before + 1)
    const user = /^sip:(\d+)@/.exec(kamailio.invites().at(-1) ?? '')?.[1] ?? ''
    expect(user).toMatch(/^1\d{10}$/)
    expect(masked(user)).toBe(onScreen)
    // nobody is registered under that number: Kamailio answers 404 and the call ends by itself
    await bar(agent).waitFor({ state: 'detached', timeout: 10_000 })
  })

  it('a malformed INVITE is refused (488) and the console stays registered; the next call rings', async () => {
    expect(await sendBrokenInvite(kamailio, AGENT.user)).toBe(488)
    await agent.waitForTimeout(300)
    expect(await agent.getByTestId('incoming-call').count()).toBe(0)
    expect(await agent.getByTestId('softphone-slot').getAttribute('data-state')).toBe('registered')

    await customer.call(`sip:${AGENT.user}@127.0.0.1`)
    const panel = agent.getByTestId('incoming-call')
    await expect.poll(() => panel.getAttribute('data-lookup'), { timeout: 10_000 }).toBe('found')
    await panel.getByTestId('call-reject').click()
    await expect.poll(() => customer.state(), { timeout: 10_000 }).toBe('Terminated')
  })

  it('rings with a generated ringtone and a desktop notification naming the customer', async () => {
    await agent.evaluate(() => {
      const w = window as unknown as { shown: string[]; Notification: typeof Notification }
      w.shown = []
      const Real = w.Notification
      // records what the console shows, and still shows it
      w.Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options)
          w.shown.push(`${title} | ${options?.body ?? ''}`)
        }
      } as typeof Notification
    })
    await customer.call(`sip:${AGENT.user}@127.0.0.1`)
    const panel = agent.getByTestId('incoming-call')
    await expect.poll(() => panel.getAttribute('data-ringtone'), { timeout: 10_000 }).toBe('playing')
    const shown = () => agent.evaluate(() => (window as unknown as { shown: string[] }).shown)
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(1)
    const [notice] = await shown()
    expect(notice).toMatch(new RegExp(`^来电：${masked(CUSTOMER.user).replace(/\*/g, '\\*')} \\| \\S+`))
    await agent.mouse.move(0, 0)
    await screenshot(agent, 'softphone-ringing-alert')
    await panel.getByTestId('call-answer').click()
    await expect.poll(() => bar(agent).getAttribute('data-state'), { timeout: 10_000 }).toBe('established')
    await panel.waitFor({ state: 'detached' })
    await bar(agent).getByTestId('call-hangup').click()
    await bar(agent).waitFor({ state: 'detached' })
  })

  it('Kamailio restarted mid-shift: 未注册, registers again by itself, and the next call rings', async () => {
    const slot = agent.getByTestId('softphone-slot')
    await kamailio.stop()
    await expect.poll(() => slot.getAttribute('data-state'), { timeout: 10_000 }).toBe('unregistered')
    expect(await slot.innerText()).toContain('未注册')
    await kamailio.start()
    await expect.poll(() => slot.getAttribute('data-state'), { timeout: 30_000 }).toBe('registered')
    // the far end lost its registration too: it registers again like any desk phone would
    await customer.close()
    customer = await startSipCaller(browser, kamailio.wsUrl, CUSTOMER.user, CUSTOMER.password)
    await customer.call(`sip:${AGENT.user}@127.0.0.1`)
    await expect
      .poll(() => agent.getByTestId('incoming-call').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('ringing')
    await agent.getByTestId('call-reject').click()
  })
})
