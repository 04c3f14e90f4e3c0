/** The chat widget's stylesheet: mobile first, the whole height of the phone, rem sizes for large font. */
export const CHAT_CSS = `
:root{--brand:#f5492d;--brand2:#ff8a3d;--ink:#1f2329;--muted:#646a73;--faint:#8f959e;--line:#e8eaed;--bg:#f4f5f7;--ok:#1f9d55;color-scheme:light}
*{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%;height:100%}
html.large{font-size:20px}
body{margin:0;height:100%;background:var(--bg);color:var(--ink);line-height:1.55;
font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
.app{display:flex;flex-direction:column;height:100%;height:100dvh;max-width:40rem;margin:0 auto;background:var(--bg)}
.bar{display:flex;align-items:center;gap:8px;padding:10px 12px;background:linear-gradient(135deg,var(--brand),var(--brand2));color:#fff;flex:none}
.avatar{display:inline-grid;place-items:center;width:36px;height:36px;border-radius:10px;background:rgba(255,255,255,.22);font-weight:700;flex:none}
.who{flex:1;min-width:0}
.who h1{margin:0;font-size:17px;font-weight:700;line-height:1.3}
.sub{margin:0;font-size:12px;opacity:.92;display:flex;align-items:center;gap:5px;white-space:nowrap;overflow:hidden}
.dot{width:7px;height:7px;border-radius:50%;background:#ffd24d;flex:none}
.dot.on{background:#7cf0a8}
select,.chip{appearance:none;border:1px solid rgba(255,255,255,.55);background:rgba(255,255,255,.14);color:#fff;border-radius:999px;
font:inherit;font-size:13px;min-height:32px;padding:0 10px;cursor:pointer;white-space:nowrap}
select option{color:var(--ink)}
.chip[aria-pressed=true]{background:#fff;color:var(--brand);border-color:#fff;font-weight:600}
.close{display:none;font-size:20px;line-height:1;padding:0 9px}
.embedded .close{display:inline-block}
.banner{margin:0;padding:6px 12px;background:#fff7e6;color:#ad6800;font-size:.85rem;text-align:center;flex:none}
.queue{display:flex;align-items:center;gap:.75rem;margin:10px 12px 0;padding:.75rem .9rem;background:#fff;border-radius:14px;
border:1px solid #ffd8c2;box-shadow:0 2px 10px rgba(245,73,45,.08);flex:none}
.queue-h{margin:0;font-weight:700;color:var(--brand);font-size:.95rem}
.queue-text{margin:0;font-size:.9rem;color:var(--ink);white-space:pre-line}
.spinner{width:1.4rem;height:1.4rem;border-radius:50%;border:.2rem solid rgba(245,73,45,.2);border-top-color:var(--brand);animation:spin 1.1s linear infinite;flex:none}
@keyframes spin{to{transform:rotate(360deg)}}
.log{flex:1;overflow-y:auto;padding:12px 12px 4px;-webkit-overflow-scrolling:touch}
.msg{display:flex;gap:8px;margin:0 0 12px;align-items:flex-start}
.msg .face{flex:none;display:grid;place-items:center;width:32px;height:32px;border-radius:50%;background:#fff1ec;color:var(--brand);font-size:14px;font-weight:700}
.msg .col{min-width:0;max-width:80%;display:flex;flex-direction:column;align-items:flex-start}
.msg .name{font-size:.75rem;color:var(--faint);margin:0 0 2px}
.bubble{background:#fff;border-radius:4px 16px 16px 16px;padding:.6rem .8rem;font-size:1rem;white-space:pre-wrap;word-break:break-word;overflow-wrap:anywhere;
box-shadow:0 1px 2px rgba(31,35,41,.06)}
.msg.visitor{flex-direction:row-reverse}
.msg.visitor .col{align-items:flex-end}
.msg.visitor .bubble{background:linear-gradient(135deg,var(--brand),var(--brand2));color:#fff;border-radius:16px 4px 16px 16px}
.msg.pending .bubble{opacity:.6}
.msg.system{justify-content:center}
.msg.system .col{max-width:100%;align-items:center}
.msg.system .bubble{background:#fff7f0;color:#8a4b14;border:1px solid #ffd8c2;border-radius:12px;font-size:.9rem;max-width:92%}
.source{display:inline-block;margin:0 0 .35rem;padding:.1rem .5rem;border-radius:999px;background:#f2f3f5;color:var(--muted);font-size:.75rem}
.inline-handoff{margin-top:.4rem;border:1px solid var(--brand);background:#fff;color:var(--brand);border-radius:999px;font:inherit;font-size:.9rem;padding:.3rem .9rem;cursor:pointer}
.time{font-size:.7rem;color:var(--faint);margin-top:2px}
.composer{flex:none;background:#fff;border-top:1px solid var(--line);padding:6px 10px calc(8px + env(safe-area-inset-bottom))}
.error{color:#d4380d;font-size:.85rem;margin:0 2px 4px}
.error:empty{display:none}
.tools{display:flex;gap:8px;margin-bottom:6px}
.handoff{display:inline-flex;align-items:center;gap:4px;border:1px solid #ffd8c2;background:#fff7f0;color:var(--brand);border-radius:999px;
font:inherit;font-size:.9rem;font-weight:600;min-height:2.1rem;padding:0 .9rem;cursor:pointer}
.handoff:disabled{opacity:.5;cursor:default}
.row{display:flex;gap:8px;align-items:flex-end}
textarea{flex:1;min-width:0;resize:none;max-height:8rem;font:inherit;font-size:1rem;line-height:1.4;color:var(--ink);background:#f7f8fa;
border:1.5px solid transparent;border-radius:20px;padding:.6rem .9rem;outline:none}
textarea:focus{border-color:var(--brand);background:#fff}
.send{flex:none;min-height:2.6rem;min-width:4.2rem;border:0;border-radius:999px;background:linear-gradient(90deg,var(--brand),var(--brand2));
color:#fff;font:inherit;font-size:1rem;font-weight:600;cursor:pointer;padding:0 1rem}
.send:disabled{opacity:.5;cursor:default}
:focus-visible{outline:3px solid rgba(245,73,45,.45);outline-offset:2px}
@media (prefers-reduced-motion:reduce){*{animation:none!important}}
`
