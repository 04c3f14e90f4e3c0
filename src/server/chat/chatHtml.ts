import { CHAT_TEXT, type ChatTextKey } from './chatText'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
const zh = (key: ChatTextKey) => CHAT_TEXT['zh-CN'][key]

/** An element's text in zh-CN, switched by the page script to the chosen language. */
const tx = (key: ChatTextKey) => `data-i18n="${key}">${esc(zh(key))}`

/** /chat: the widget's shell; the script fills in the conversation (text only, never HTML). */
export function chatPage(embedded: boolean): string {
  return `<!doctype html>
<html lang="zh-CN"${embedded ? ' class="embedded"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content">
<meta name="theme-color" content="#f5492d">
<meta name="referrer" content="no-referrer">
<title data-i18n-title="title">${esc(zh('title'))}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/chat/assets/chat.css">
<script src="/chat/assets/socket.io.min.js" defer></script>
<script src="/chat/assets/chat.js" defer></script>
</head>
<body>
<div class="app">
<header class="bar">
  <span class="avatar" aria-hidden="true">服</span>
  <div class="who">
    <h1 ${tx('title')}</h1>
    <p class="sub"><span id="dot" class="dot"></span><span ${tx('subtitle')}</span></p>
  </div>
  <label><span class="sr-only" ${tx('language')}</span><select id="lang" data-testid="chat-lang">
    <option value="zh-CN">简体</option><option value="zh-TW">繁體</option><option value="en">EN</option>
  </select></label>
  <button type="button" id="large-font" class="chip" aria-pressed="false" data-testid="chat-large-font"><span aria-hidden="true">A+</span><span class="sr-only" ${tx('largeFont')}</span></button>
  <button type="button" id="close" class="chip close" data-testid="chat-close"><span aria-hidden="true">×</span><span class="sr-only" ${tx('close')}</span></button>
</header>
<p id="banner" class="banner" role="status" hidden data-testid="chat-banner"></p>
<section id="queue" class="queue" hidden aria-live="polite" data-testid="chat-queue">
  <span class="spinner" aria-hidden="true"></span>
  <div><p class="queue-h" ${tx('queueHeading')}</p><p id="queue-text" class="queue-text" data-testid="chat-queue-text"></p></div>
</section>
<main id="log" class="log" role="log" aria-live="polite" data-testid="chat-log"></main>
<footer class="composer">
  <p id="error" class="error" role="alert" data-testid="chat-error"></p>
  <div class="tools"><button type="button" id="handoff" class="handoff" data-testid="chat-handoff"><span aria-hidden="true">☎</span> <span id="handoff-label">${esc(zh('handoff'))}</span></button></div>
  <form id="form" class="row" novalidate>
    <label for="text" class="sr-only" ${tx('placeholder')}</label>
    <textarea id="text" rows="1" maxlength="4000" enterkeyhint="send" data-i18n-placeholder="placeholder" placeholder="${esc(zh('placeholder'))}" data-testid="chat-input"></textarea>
    <button id="send" class="send" type="submit" data-testid="chat-send" ${tx('send')}</button>
  </form>
</footer>
</div>
</body>
</html>`
}
