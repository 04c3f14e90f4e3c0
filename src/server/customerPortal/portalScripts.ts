import { PORTAL_LANGS, PORTAL_TEXT } from './portalText'

/**
 * The customer pages' scripts, served from this server (no CDN; the pages' CSP allows only
 * 'self'). Plain ES2017 for old phone browsers; text is set with textContent, never as HTML.
 */

/** Language and large-font switches (remembered on the phone), and `Portal.t` for the page scripts. */
export const COMMON_JS = `(function () {
  'use strict';
  var TEXT = ${JSON.stringify(PORTAL_TEXT)};
  var LANGS = ${JSON.stringify(PORTAL_LANGS)};
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };
  var lang = LANGS.indexOf(store.get('portal.lang')) >= 0 ? store.get('portal.lang') : 'zh-CN';
  var listeners = [];
  function t(key, params) {
    var s = (TEXT[lang] && TEXT[lang][key]) || TEXT['zh-CN'][key] || key;
    if (params) Object.keys(params).forEach(function (p) { s = s.split('{' + p + '}').join(String(params[p])); });
    return s;
  }
  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (el) { el.placeholder = t(el.dataset.i18nPlaceholder); });
    document.querySelectorAll('[data-i18n-title]').forEach(function (el) { document.title = t(el.dataset.i18nTitle) + ' · ' + t('brand'); });
    listeners.forEach(function (fn) { fn(); });
  }
  function setLarge(on) {
    document.documentElement.classList.toggle('large', on);
    var btn = document.getElementById('large-font');
    if (btn) btn.setAttribute('aria-pressed', on ? 'true' : 'false');
    store.set('portal.large', on ? '1' : '0');
  }
  window.Portal = {
    t: t,
    lang: function () { return lang; },
    onLang: function (fn) { listeners.push(fn); },
    time: function (at, withYear) {
      var o = { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false };
      if (withYear) o.year = 'numeric';
      return new Date(at).toLocaleString(lang, o);
    }
  };
  document.addEventListener('DOMContentLoaded', function () {
    var select = document.getElementById('lang');
    if (select) {
      select.value = lang;
      select.addEventListener('change', function () { lang = select.value; store.set('portal.lang', lang); apply(); });
    }
    var btn = document.getElementById('large-font');
    if (btn) btn.addEventListener('click', function () { setLarge(btn.getAttribute('aria-pressed') !== 'true'); });
    setLarge(store.get('portal.large') === '1');
    apply();
  });
})();
`

/** The progress page: lookup form, then the order and its timeline, live over server-sent events. */
export const PROGRESS_JS = `(function () {
  'use strict';
  var P = window.Portal, t = P.t;
  var $ = function (id) { return document.getElementById(id); };
  var KEY = 'portal.session';
  var STEP = { new: 1, assigned: 1, in_progress: 2, waiting_customer: 2, resolved: 3, closed: 4 };
  var ICON = { new: '\\u2713', assigned: '\\u2713', in_progress: '', waiting_customer: '!', resolved: '\\u2713', closed: '\\u2713' };
  var view = null, source = null, seen = {}, error = null, retries = 0;

  function session() { try { return JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { return null; } }
  function showError(key, params) {
    error = key ? [key, params] : null;
    $('lookup-error').textContent = key ? t(key, params) : '';
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function entryTitle(e) {
    if (e.kind === 'status') return t('entry.status', { from: t('status.' + e.from), to: t('status.' + e.to) });
    return t('entry.' + e.kind);
  }
  function render() {
    if (!view) return;
    var status = view.status;
    $('status').textContent = t('status.' + status);
    $('status').dataset.status = status;
    $('status-hint').textContent = t('hint.' + status);
    var icon = $('status-icon');
    icon.textContent = ICON[status];
    icon.className = 'status-icon' + (status === 'resolved' || status === 'closed' ? ' done' : status === 'waiting_customer' ? ' wait' : status === 'in_progress' ? ' busy' : '');
    var steps = $('steps').children;
    for (var i = 0; i < steps.length; i++) {
      steps[i].className = i + 1 < STEP[status] ? 'done' : i + 1 === STEP[status] ? 'now' : '';
      if (i + 1 === STEP[status]) steps[i].setAttribute('aria-current', 'step'); else steps[i].removeAttribute('aria-current');
    }
    $('survey').hidden = !view.surveyPath;
    if (view.surveyPath) $('survey-link').href = view.surveyPath;
    $('f-title').textContent = view.title;
    $('f-code').textContent = view.serviceCode;
    $('f-type').textContent = t('type.' + view.type);
    $('f-store').textContent = view.storeName;
    $('f-created').textContent = P.time(view.createdAt, true);
    $('f-contact').textContent = view.customerName + ' ' + view.phoneMasked;
    $('f-handler-row').hidden = !view.handlerName;
    $('f-handler').textContent = view.handlerName || '';
    var list = $('timeline');
    list.textContent = '';
    var entries = view.entries.slice().reverse();
    entries.forEach(function (e, i) {
      var li = el('li', 'entry' + (i === 0 ? ' latest' : '') + (seen[e.id] ? '' : ' fresh'));
      li.dataset.testid = 'portal-entry';
      li.appendChild(el('span', 'dot'));
      li.appendChild(el('p', 'entry-title', entryTitle(e)));
      if (e.body) li.appendChild(el('p', 'entry-text', e.body));
      var time = el('time', '', P.time(e.at));
      time.dateTime = new Date(e.at).toISOString();
      li.appendChild(time);
      list.appendChild(li);
    });
    entries.forEach(function (e) { seen[e.id] = true; });
  }
  function live(on) {
    var badge = $('live');
    badge.className = on ? 'live' : 'live off';
    badge.dataset.i18n = on ? 'live' : 'reconnecting';
    badge.textContent = t(badge.dataset.i18n);
  }
  function showLookup(key) {
    if (source) source.close();
    source = null; view = null; seen = {};
    sessionStorage.removeItem(KEY);
    $('result').hidden = true;
    $('lookup').hidden = false;
    showError(key);
  }
  function follow(s) {
    if (source) source.close();
    source = new EventSource('/api/portal/stream?token=' + encodeURIComponent(s.token));
    source.addEventListener('view', function (ev) {
      retries = 0;
      view = JSON.parse(ev.data);
      live(true);
      $('lookup').hidden = true;
      $('result').hidden = false;
      render();
    });
    source.addEventListener('expired', function () { showLookup('expired'); });
    source.onerror = function () {
      live(false);
      // CONNECTING: the browser retries by itself; CLOSED: refused (expired session) or cut off
      if (!source || source.readyState !== EventSource.CLOSED) return;
      var now = session();
      if (!now || now.expiresAt <= Date.now() || retries >= 5) return showLookup('expired');
      retries++;
      setTimeout(function () { var again = session(); if (again && source && source.readyState === EventSource.CLOSED) follow(again); }, 2000 * retries);
    };
  }
  function validate(code, digits) {
    var okCode = /^[2-9A-HJ-NP-Z]{8}$/.test(code), okDigits = /^[0-9]{4}$/.test(digits);
    $('code').setAttribute('aria-invalid', okCode ? 'false' : 'true');
    $('digits').setAttribute('aria-invalid', okDigits ? 'false' : 'true');
    if (!okCode) { showError('badCode'); $('code').focus(); return false; }
    if (!okDigits) { showError('badDigits'); $('digits').focus(); return false; }
    return true;
  }
  function submit(ev) {
    ev.preventDefault();
    var code = $('code').value.replace(/[\\s-]/g, '').toUpperCase();
    var digits = $('digits').value.trim();
    if (!validate(code, digits)) return;
    var button = $('lookup-submit');
    button.disabled = true;
    button.textContent = t('submitting');
    showError(null);
    fetch('/api/portal/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code, phoneLast4: digits })
    }).then(function (res) {
      return res.json().then(function (body) {
        if (res.ok) {
          var s = { token: body.token, expiresAt: body.expiresAt };
          sessionStorage.setItem(KEY, JSON.stringify(s));
          view = body.view;
          $('lookup').hidden = true;
          $('result').hidden = false;
          render();
          follow(s);
        } else if (res.status === 429) {
          showError('rateLimited', { minutes: Math.max(1, Math.ceil((body.error.retryAfterSec || 60) / 60)) });
        } else if (res.status === 404) {
          showError('noMatch');
        } else {
          showError(res.status === 400 ? 'badCode' : 'networkError');
        }
      });
    }).catch(function () { showError('networkError'); }).then(function () {
      button.disabled = false;
      button.textContent = t('submit');
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    $('lookup-form').addEventListener('submit', submit);
    $('new-lookup').addEventListener('click', function () { showLookup(null); $('code').focus(); });
    P.onLang(function () { render(); if (error) showError(error[0], error[1]); });
    var s = session();
    if (s && s.expiresAt > Date.now()) follow(s);
  });
  // leaving the page closes the stream; coming back (back button) opens it again
  window.addEventListener('pagehide', function () { if (source) source.close(); source = null; });
  window.addEventListener('pageshow', function (ev) {
    var s = session();
    if (ev.persisted && s && s.expiresAt > Date.now()) follow(s);
  });
})();
`

/** The survey page: stars for CSAT, 0–10 for NPS, a comment with a counter; answered once. */
export const SURVEY_JS = `(function () {
  'use strict';
  var P = window.Portal, t = P.t;
  var $ = function (id) { return document.getElementById(id); };
  function value(name) {
    var c = document.querySelector('input[name="' + name + '"]:checked');
    return c ? Number(c.value) : null;
  }
  function paint() {
    var csat = value('csat');
    document.querySelectorAll('.star').forEach(function (s) {
      var v = Number(s.dataset.value);
      s.classList.toggle('on', csat !== null && v <= csat);
      s.classList.toggle('chosen', v === csat);
    });
    $('survey-submit').disabled = csat === null || value('nps') === null;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = $('survey-form');
    if (!form) return;
    var comment = $('comment');
    form.addEventListener('change', paint);
    comment.addEventListener('input', function () { $('counter').textContent = comment.value.length + ' / 500'; });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var csat = value('csat'), nps = value('nps');
      if (csat === null || nps === null) { $('survey-error').textContent = t('surveyNeedScores'); return; }
      var button = $('survey-submit');
      button.disabled = true;
      $('survey-error').textContent = '';
      fetch('/api/portal/survey/' + encodeURIComponent(form.dataset.token), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ csat: csat, nps: nps, comment: comment.value })
      }).then(function (res) {
        return res.json().then(function (body) {
          if (res.ok || res.status === 409) {
            var outcome = res.ok ? body.outcome : 'answered';
            $('survey-card').hidden = true;
            $('thanks').hidden = false;
            $('thanks-icon').className = 'big-icon' + (outcome === 'reopened' ? ' sorry' : '');
            var text = $('thanks-text');
            text.dataset.i18n = res.ok ? 'thanks.' + outcome : 'alreadyAnswered';
            text.textContent = t(text.dataset.i18n);
            $('thanks').dataset.outcome = outcome;
            window.scrollTo(0, 0);
          } else {
            $('survey-error').textContent = t(res.status === 404 ? 'surveyInvalid' : 'networkError');
            button.disabled = false;
          }
        });
      }).catch(function () { $('survey-error').textContent = t('networkError'); button.disabled = false; });
    });
    paint();
  });
})();
`
