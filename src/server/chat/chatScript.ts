import { CHAT_TEXT_MAX } from '../../shared/chat/message'
import { CHAT_TEXT } from './chatText'

/**
 * The widget's script (plain ES2017 for old phone browsers, served from this server). Every
 * message is put on the page with textContent: nothing a visitor or anyone else types becomes
 * markup, and links are plain text. Unacknowledged messages are kept (also across a reload) and
 * sent again with the same id after a reconnect; the server stores each id once.
 */
export const CHAT_JS = `(function () {
  'use strict';
  var TEXT = ${JSON.stringify(CHAT_TEXT)};
  var MAX = ${CHAT_TEXT_MAX};
  var ACK_MS = 10000;
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };
  var lang = TEXT[store.get('chat.lang')] ? store.get('chat.lang') : 'zh-CN';
  var token = store.get('chat.token');
  var pending = [];
  try { pending = JSON.parse(store.get('chat.pending') || '[]'); } catch (e) { pending = []; }
  var joined = false;
  var conversationId = null;
  var shown = {};
  var queue = null;
  var $ = function (id) { return document.getElementById(id); };

  function t(key, params) {
    var s = TEXT[lang][key] || TEXT['zh-CN'][key] || key;
    if (params) Object.keys(params).forEach(function (p) { s = s.split('{' + p + '}').join(String(params[p])); });
    return s;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function savePending() { store.set('chat.pending', JSON.stringify(pending)); }
  function newId() {
    var a = new Uint8Array(16);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function showError(text) { $('error').textContent = text || ''; }
  function describe(error) {
    if (!error) return '';
    if (error.code === 'RATE_LIMITED') return t('rateLimited', { seconds: error.retryAfterSec || 1 });
    return t('refused', { reason: error.message });
  }

  function scrollDown() { var log = $('log'); log.scrollTop = log.scrollHeight; }

  function bubble(author, text, seq, key) {
    var row = el('div', 'msg ' + author);
    row.dataset.seq = String(seq);
    row.dataset.key = key;
    row.setAttribute('data-testid', 'chat-msg-' + author);
    var col = el('div', 'col');
    if (author === 'bot' || author === 'agent') {
      row.appendChild(el('span', 'face', author === 'bot' ? '助' : '客'));
      col.appendChild(el('p', 'name', t('author.' + author)));
    }
    var b = el('div', 'bubble');
    b.appendChild(document.createTextNode(text));
    col.appendChild(b);
    row.appendChild(col);
    return { row: row, bubble: b, col: col };
  }

  /** Puts the row in seq order (pending rows, with no seq yet, stay last). */
  function place(row) {
    var log = $('log');
    var seq = Number(row.dataset.seq);
    var before = null;
    for (var i = 0; i < log.children.length; i++) {
      var s = Number(log.children[i].dataset.seq);
      if (seq > 0 && (s === 0 || s > seq)) { before = log.children[i]; break; }
    }
    log.insertBefore(row, before);
    scrollDown();
  }

  function addMessage(m) {
    if (shown[m.id] || m.conversationId !== conversationId) return;
    shown[m.id] = true;
    if (m.clientMessageId) {
      var old = document.querySelector('[data-key="p-' + m.clientMessageId + '"]');
      if (old) old.remove();
    }
    var parts = bubble(m.author, m.text, m.seq, 'm-' + m.id);
    if (m.data && m.data.kind === 'kbAnswer') {
      parts.bubble.insertBefore(el('span', 'source', t('fromKb')), parts.bubble.firstChild);
      parts.bubble.insertBefore(document.createElement('br'), parts.bubble.childNodes[1]);
    }
    if (m.data && m.data.kind === 'offerHandoff') {
      var b = el('button', 'inline-handoff', t('handoff'));
      b.type = 'button';
      b.addEventListener('click', handoff);
      parts.col.appendChild(b);
    }
    place(parts.row);
  }

  function addPending(p) {
    var parts = bubble('visitor', p.text, 0, 'p-' + p.id);
    parts.row.classList.add('pending');
    place(parts.row);
  }

  function renderQueue() {
    var box = $('queue');
    var waiting = queue && queue.state === 'queued' && queue.position;
    box.hidden = !waiting;
    var handedOff = !!(queue && queue.state !== 'bot');
    $('handoff').disabled = handedOff;
    $('handoff-label').textContent = t(handedOff ? 'handoffQueued' : 'handoff');
    scrollDown();
    if (!waiting) return;
    var lines = [queue.position === 1 ? t('queueNext') : t('queuePosition', { ahead: queue.position - 1, position: queue.position })];
    lines.push(queue.readyAgents > 0 ? t('queueEta', { minutes: Math.max(1, Math.ceil(queue.etaSec / 60)) }) : t('queueNoAgents'));
    $('queue-text').textContent = lines.join('\\n');
  }

  function applyLang() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach(function (e) { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (e) { e.placeholder = t(e.dataset.i18nPlaceholder); });
    renderQueue();
  }

  function setLarge(on) {
    document.documentElement.classList.toggle('large', on);
    $('large-font').setAttribute('aria-pressed', on ? 'true' : 'false');
    store.set('chat.large', on ? '1' : '0');
  }

  function setOnline(on, textKey) {
    $('dot').classList.toggle('on', on);
    $('banner').hidden = on;
    if (!on) $('banner').textContent = t(textKey);
  }

  var socket = null;

  function flush() {
    pending.forEach(function (p) { emitSend(p); });
  }

  function emitSend(p) {
    if (!joined) return;
    socket.timeout(ACK_MS).emit('chat:send', { clientMessageId: p.id, text: p.text }, function (err, r) {
      if (err) return; // no answer: kept, sent again after the reconnect
      if (!r.ok && r.error.code === 'UNAUTHENTICATED') return;
      pending = pending.filter(function (x) { return x.id !== p.id; });
      savePending();
      if (r.ok) return addMessage(r.result.message);
      var row = document.querySelector('[data-key="p-' + p.id + '"]');
      if (row) row.remove();
      showError(describe(r.error));
    });
  }

  function send(text) {
    showError('');
    if (Array.from(text).length > MAX) return showError(t('tooLong', { max: MAX }));
    var p = { id: newId(), text: text };
    pending.push(p);
    savePending();
    addPending(p);
    emitSend(p);
  }

  function handoff() {
    if (!joined) return;
    showError('');
    socket.timeout(ACK_MS).emit('chat:handoff', {}, function (err, r) {
      if (err) return showError(t('reconnecting'));
      if (!r.ok) return showError(describe(r.error));
      queue = r.result;
      renderQueue();
    });
  }

  function join() {
    socket.timeout(ACK_MS).emit('chat:join', { visitorToken: token || undefined, lang: lang }, function (err, r) {
      if (err) return;
      if (!r.ok) return showError(describe(r.error));
      if (conversationId !== r.result.conversationId) {
        conversationId = r.result.conversationId;
        shown = {};
        $('log').textContent = '';
        pending.forEach(addPending);
      }
      token = r.result.visitorToken;
      store.set('chat.token', token);
      joined = true;
      setOnline(true);
      r.result.messages.forEach(addMessage);
      queue = r.result.queue;
      renderQueue();
      flush();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var select = $('lang');
    select.value = lang;
    select.addEventListener('change', function () {
      lang = select.value;
      store.set('chat.lang', lang);
      applyLang();
      if (joined) join();
    });
    $('large-font').addEventListener('click', function () {
      setLarge($('large-font').getAttribute('aria-pressed') !== 'true');
    });
    $('close').addEventListener('click', function () { window.parent.postMessage({ type: 'sc-chat:close' }, '*'); });
    $('handoff').addEventListener('click', handoff);
    var input = $('text');
    var submit = function () {
      var text = input.value.trim();
      if (!text) return;
      input.value = '';
      input.style.height = '';
      send(text);
    };
    $('form').addEventListener('submit', function (e) { e.preventDefault(); submit(); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
    });
    input.addEventListener('input', function () {
      input.style.height = '';
      input.style.height = Math.min(input.scrollHeight, 160) + 'px';
    });
    setLarge(store.get('chat.large') === '1');
    applyLang();
    window.addEventListener('resize', scrollDown);
    setOnline(false, 'connecting');
    socket = io('/chat', { transports: ['websocket'], reconnectionDelayMax: 3000 });
    socket.on('connect', join);
    socket.on('disconnect', function () { joined = false; setOnline(false, 'reconnecting'); });
    socket.on('chat:message', addMessage);
    socket.on('chat:queue', function (s) {
      if (s.conversationId !== conversationId) return;
      queue = s;
      renderQueue();
    });
  });
})();
`
