import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../src/server/seed/demoUsers'
import { ROOT } from './stack'

export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots')

/** Fake microphone and camera, granted without a prompt, and WebRTC over loopback (softphone). */
export const FAKE_MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
]

/** Debian Chromium, headless, with the flags this machine's closed network needs. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  // let Element Plus transitions settle so the picture shows the resting state
  await page.waitForTimeout(400)
  await page.screenshot({ path, fullPage: false })
  return path
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').locator('input').fill(username)
  await page.getByTestId('login-password').locator('input').fill(password)
  await page.getByTestId('login-submit').click()
}

/** A laptop-sized console window. */
export const DESK_VIEWPORT = { width: 1366, height: 768 }

/** A fresh browser context on the console at `url`, signed in as a demo user (zh-CN), on the workspace. */
export async function signIn(
  browser: Browser,
  url: string,
  username: string,
  viewport: { width: number; height: number } = DESK_VIEWPORT,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'zh-CN' })).newPage()
  await page.goto(url)
  await login(page, username, DEMO_PASSWORD)
  await page.getByTestId('workspace').waitFor()
  return page
}
