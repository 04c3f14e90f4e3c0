/**
 * /chat/embed.js: one script tag on any site adds a floating button that opens the widget in an
 * iframe from this server (full screen on a phone). Styles are set on the elements themselves,
 * so the host page's stylesheet cannot break them and nothing global is added.
 */
export const EMBED_JS = `(function () {
  'use strict';
  if (window.__scChat) return;
  window.__scChat = true;
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var label = script.getAttribute('data-label') || '在线客服';
  var frame = null;
  var button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.setAttribute('data-testid', 'chat-launcher');
  button.textContent = '💬';
  var b = button.style;
  b.position = 'fixed'; b.right = '16px'; b.bottom = '16px'; b.zIndex = '2147483646';
  b.width = '56px'; b.height = '56px'; b.borderRadius = '50%'; b.border = '0'; b.cursor = 'pointer';
  b.background = 'linear-gradient(135deg,#f5492d,#ff8a3d)'; b.color = '#fff'; b.fontSize = '26px';
  b.boxShadow = '0 6px 18px rgba(245,73,45,.35)';
  function layout() {
    if (!frame) return;
    var s = frame.style;
    var phone = window.innerWidth < 480;
    s.position = 'fixed'; s.zIndex = '2147483647'; s.border = '0'; s.background = '#f4f5f7';
    s.right = phone ? '0' : '16px'; s.bottom = phone ? '0' : '84px';
    s.width = phone ? '100%' : '380px'; s.height = phone ? '100%' : 'min(640px, calc(100vh - 110px))';
    s.borderRadius = phone ? '0' : '16px'; s.boxShadow = phone ? 'none' : '0 12px 40px rgba(31,35,41,.22)';
  }
  function toggle(open) {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/chat?embed=1';
      frame.title = label;
      frame.setAttribute('data-testid', 'chat-frame');
      document.body.appendChild(frame);
      layout();
    }
    frame.style.display = open ? 'block' : 'none';
  }
  button.addEventListener('click', function () { toggle(!frame || frame.style.display === 'none'); });
  window.addEventListener('resize', layout);
  window.addEventListener('message', function (e) {
    if (e.origin === origin && e.data && e.data.type === 'sc-chat:close') toggle(false);
  });
  document.body.appendChild(button);
})();
`
