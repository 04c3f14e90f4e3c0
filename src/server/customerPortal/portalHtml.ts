import type { SurveyForm } from './surveyAnswers'
import { isTextKey, zh, type PortalTextKey } from './portalText'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

/** An element's text in zh-CN, switched by the page script to the chosen language. */
const tx = (key: PortalTextKey) => `data-i18n="${key}">${esc(zh(key))}`

function page(titleKey: PortalTextKey, script: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#f5492d">
<meta name="referrer" content="no-referrer">
<title data-i18n-title="${titleKey}">${esc(zh(titleKey))} · ${esc(zh('brand'))}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/portal/assets/portal.css">
<script src="/portal/assets/common.js" defer></script>
<script src="/portal/assets/${script}.js" defer></script>
</head>
<body>
<header class="topbar">
  <div class="topbar-row">
    <div class="brand"><span class="brand-mark" aria-hidden="true">服</span><span ${tx('brand')}</span></div>
    <div class="prefs">
      <label><span class="sr-only" ${tx('language')}</span><select id="lang" data-testid="portal-lang">
        <option value="zh-CN">简体</option><option value="zh-TW">繁體</option><option value="en">EN</option>
      </select></label>
      <button type="button" id="large-font" class="chip" aria-pressed="false" data-testid="portal-large-font">
        <span aria-hidden="true">A+</span> <span ${tx('largeFont')}</span></button>
    </div>
  </div>
  <h1 ${tx(titleKey)}</h1>
</header>
<main>
${body}
</main>
</body>
</html>`
}

/** /p: the lookup form, and the order view the script fills in. */
export function progressPage(): string {
  return page(
    'progressTitle',
    'progress',
    `<section id="lookup" class="card" aria-labelledby="lookup-h">
  <h2 id="lookup-h" ${tx('lookupHeading')}</h2>
  <p class="muted" ${tx('lookupHint')}</p>
  <form id="lookup-form" novalidate>
    <div class="field">
      <label for="code" ${tx('codeLabel')}</label>
      <input id="code" name="code" maxlength="12" autocomplete="off" autocapitalize="characters" spellcheck="false"
        required aria-describedby="lookup-error" data-i18n-placeholder="codePlaceholder" placeholder="${esc(zh('codePlaceholder'))}" data-testid="portal-code">
    </div>
    <div class="field">
      <label for="digits" ${tx('digitsLabel')}</label>
      <input id="digits" name="digits" maxlength="4" inputmode="numeric" pattern="[0-9]*" autocomplete="off"
        required aria-describedby="lookup-error" data-i18n-placeholder="digitsPlaceholder" placeholder="${esc(zh('digitsPlaceholder'))}" data-testid="portal-digits">
    </div>
    <p id="lookup-error" class="error" role="alert" data-testid="portal-error"></p>
    <button id="lookup-submit" class="primary" type="submit" data-testid="portal-submit" ${tx('submit')}</button>
  </form>
  <p class="note" ${tx('privacyNote')}</p>
</section>
<section id="result" hidden data-testid="portal-result">
  <div class="card hero">
    <div class="hero-head">
      <span id="status-icon" class="status-icon" aria-hidden="true"></span>
      <div>
        <p id="status" class="status-text" role="status" data-testid="portal-status"></p>
        <p id="status-hint" class="status-hint"></p>
      </div>
      <span id="live" class="live" data-testid="portal-live" ${tx('live')}</span>
    </div>
    <ol id="steps" class="steps">
      <li ${tx('step.1')}</li><li ${tx('step.2')}</li><li ${tx('step.3')}</li><li ${tx('step.4')}</li>
    </ol>
  </div>
  <div id="survey" class="card survey" hidden>
    <div class="text"><h2 ${tx('surveyHeading')}</h2><p ${tx('surveyText')}</p></div>
    <a id="survey-link" class="primary" href="#" data-testid="portal-survey-link" ${tx('surveyButton')}</a>
  </div>
  <div class="card">
    <p id="f-title" class="order-title"></p>
    <dl class="facts">
      <dt ${tx('fieldCode')}</dt><dd id="f-code" class="code"></dd>
      <dt ${tx('fieldType')}</dt><dd id="f-type"></dd>
      <dt ${tx('fieldStore')}</dt><dd id="f-store"></dd>
      <dt ${tx('fieldCreated')}</dt><dd id="f-created"></dd>
      <dt ${tx('fieldContact')}</dt><dd id="f-contact"></dd>
      <div id="f-handler-row" class="row"><dt ${tx('fieldHandler')}</dt><dd id="f-handler"></dd></div>
    </dl>
  </div>
  <div class="card">
    <h2 ${tx('timelineHeading')}</h2>
    <ol id="timeline" class="timeline" aria-live="polite" data-testid="portal-timeline"></ol>
  </div>
  <button id="new-lookup" type="button" class="secondary" ${tx('newLookup')}</button>
</section>`,
  )
}

function stars(): string {
  return [1, 2, 3, 4, 5]
    .map(
      (v) => `<label class="star" data-value="${v}" data-testid="survey-csat-${v}">
        <input type="radio" name="csat" value="${v}" required><span class="glyph" aria-hidden="true">★</span>
        <span ${tx(`csat.${v}` as PortalTextKey)}</span></label>`,
    )
    .join('')
}

function npsScale(): string {
  return Array.from(
    { length: 11 },
    (_, v) =>
      `<label data-testid="survey-nps-${v}"><input type="radio" name="nps" value="${v}" required><span>${v}</span></label>`,
  ).join('')
}

function typeLabel(type: string): string {
  const key = `type.${type}`
  return isTextKey(key) ? `<span ${tx(key)}</span>` : esc(type)
}

function orderChip(form: SurveyForm): string {
  return `<div class="order-chip"><span><span ${tx('fieldCode')}</span>：<span class="code">${esc(form.serviceCode)}</span></span>
    <span>${typeLabel(form.type)} · ${esc(form.title)}</span></div>`
}

function notice(textKey: PortalTextKey, icon: string, iconClass: string, testId: string): string {
  return `<section class="card center" data-testid="${testId}">
  <div class="big-icon ${iconClass}" aria-hidden="true">${icon}</div>
  <h2 ${tx(textKey)}</h2>
  <a class="secondary" href="/p" ${tx('backToProgress')}</a>
</section>`
}

/** /s/:token: the three questions, or why there is nothing to answer. */
export function surveyPage(token: string, form: SurveyForm | null): string {
  if (!form) return page('surveyTitle', 'survey', notice('surveyInvalid', '?', 'unknown', 'survey-invalid'))
  if (form.answered) return page('surveyTitle', 'survey', notice('alreadyAnswered', '✓', '', 'survey-answered'))
  return page(
    'surveyTitle',
    'survey',
    `<section id="survey-card" class="card">
  <p class="muted" ${tx('surveyIntro')}</p>
  ${orderChip(form)}
  <form id="survey-form" data-token="${esc(token)}" novalidate>
    <fieldset class="q" data-testid="survey-csat">
      <legend><span class="num" aria-hidden="true">1</span><span ${tx('q1')}</span></legend>
      <div class="stars">${stars()}</div>
    </fieldset>
    <fieldset class="q" data-testid="survey-nps">
      <legend><span class="num" aria-hidden="true">2</span><span ${tx('q2')}</span></legend>
      <div class="nps">${npsScale()}</div>
      <div class="scale"><span ${tx('npsLow')}</span><span ${tx('npsHigh')}</span></div>
    </fieldset>
    <div class="q">
      <label class="qlabel" for="comment"><span class="num" aria-hidden="true">3</span><span ${tx('q3')}</span></label>
      <textarea id="comment" name="comment" maxlength="500" data-i18n-placeholder="commentPlaceholder"
        placeholder="${esc(zh('commentPlaceholder'))}" data-testid="survey-comment"></textarea>
      <p id="counter" class="counter" aria-live="polite">0 / 500</p>
    </div>
    <p id="survey-error" class="error" role="alert"></p>
    <button id="survey-submit" class="primary" type="submit" data-testid="survey-submit" ${tx('submitSurvey')}</button>
  </form>
</section>
<section id="thanks" class="card center" hidden data-testid="survey-thanks">
  <div id="thanks-icon" class="big-icon" aria-hidden="true">✓</div>
  <h2 ${tx('thanksTitle')}</h2>
  <p id="thanks-text" data-testid="survey-thanks-text"></p>
  <a class="secondary" href="/p" ${tx('backToProgress')}</a>
</section>`,
  )
}
