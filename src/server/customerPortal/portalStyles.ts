/** The customer pages' one stylesheet: mobile first, rem sizes so the large-font switch scales all. */
export const PORTAL_CSS = `
:root{--brand:#f5492d;--brand2:#ff8a3d;--ink:#1f2329;--muted:#646a73;--faint:#8f959e;--line:#e8eaed;--bg:#f4f5f7;
--ok:#1f9d55;--warn:#d97706;--card:#fff;--radius:14px;color-scheme:light}
*{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
html.large{font-size:20px}
body{margin:0;background:var(--bg);color:var(--ink);line-height:1.55;
font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
.topbar{background:linear-gradient(135deg,var(--brand),var(--brand2));color:#fff;padding:.75rem 1rem 3.25rem}
.topbar-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;max-width:40rem;margin:0 auto}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:600;font-size:15px;white-space:nowrap;min-width:0}
.brand-mark{display:inline-grid;place-items:center;width:1.75rem;height:1.75rem;border-radius:.5rem;background:rgba(255,255,255,.22);font-size:.9rem}
.prefs{display:flex;align-items:center;gap:6px;margin-left:auto}
/* the switches keep their size in large-font mode, so they always fit beside the brand */
.prefs select,.chip{appearance:none;border:1px solid rgba(255,255,255,.55);background:rgba(255,255,255,.14);color:#fff;
border-radius:999px;font:inherit;font-size:13px;min-height:32px;padding:0 11px;cursor:pointer;white-space:nowrap}
.prefs select option{color:var(--ink)}
.chip[aria-pressed=true]{background:#fff;color:var(--brand);border-color:#fff;font-weight:600}
.topbar h1{max-width:40rem;margin:1rem auto 0;font-size:1.45rem;font-weight:700;letter-spacing:.02em}
.topbar .sub{max-width:40rem;margin:.25rem auto 0;opacity:.9;font-size:.9rem}
main{max-width:40rem;margin:-2.25rem auto 0;padding:0 .75rem 2rem}
.card{background:var(--card);border-radius:var(--radius);padding:1.1rem 1rem;margin-bottom:.75rem;box-shadow:0 1px 2px rgba(31,35,41,.06),0 4px 14px rgba(31,35,41,.05)}
.card h2{font-size:1.1rem;margin:0 0 .35rem}
.muted{color:var(--muted);font-size:.9rem;margin:0 0 1rem}
.field{margin-bottom:.9rem}
.field label{display:block;font-size:.9rem;font-weight:600;margin-bottom:.35rem}
.field input,textarea{width:100%;font:inherit;font-size:1.05rem;color:var(--ink);background:#f7f8fa;border:1.5px solid transparent;
border-radius:10px;padding:.75rem .85rem;outline:none;transition:border-color .15s,background .15s}
.field input:focus,textarea:focus{border-color:var(--brand);background:#fff}
.field input[aria-invalid=true]{border-color:#e03e2d;background:#fff5f4}
#code{letter-spacing:.12em;text-transform:uppercase}
#digits{letter-spacing:.3em}
.error{color:#d4380d;font-size:.9rem;min-height:1.4em;margin:0 0 .5rem}
#survey-error:empty{min-height:0;margin:0}
.primary,.secondary{display:flex;align-items:center;justify-content:center;width:100%;min-height:3rem;border-radius:999px;
font:inherit;font-size:1.05rem;font-weight:600;cursor:pointer;text-decoration:none;border:0}
.primary{background:linear-gradient(90deg,var(--brand),var(--brand2));color:#fff;box-shadow:0 4px 12px rgba(245,73,45,.28)}
.primary:disabled{opacity:.5;box-shadow:none;cursor:not-allowed}
.secondary{background:#fff;color:var(--muted);border:1px solid var(--line);margin-top:.25rem}
:focus-visible{outline:3px solid rgba(245,73,45,.45);outline-offset:2px}
.note{color:var(--faint);font-size:.8rem;margin:1rem 0 0;text-align:center}
.hero{padding-top:1.25rem}
.hero-head{display:flex;align-items:center;gap:.8rem}
.status-icon{flex:none;display:grid;place-items:center;width:3rem;height:3rem;border-radius:50%;background:#fff1ec;color:var(--brand);font-size:1.4rem;font-weight:700}
.status-icon.done{background:#e8f7ee;color:var(--ok)}
.status-icon.wait{background:#fff7e6;color:var(--warn)}
.status-icon.busy::after{content:"";width:1.3rem;height:1.3rem;border-radius:50%;border:.2rem solid rgba(245,73,45,.25);
border-top-color:var(--brand);animation:spin 1.1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
.status-text{font-size:1.4rem;font-weight:700;margin:0;line-height:1.25}
.status-hint{color:var(--muted);font-size:.88rem;margin:.15rem 0 0}
.live{margin-left:auto;align-self:flex-start;display:inline-flex;align-items:center;gap:.3rem;font-size:.75rem;color:var(--ok);
background:#e8f7ee;border-radius:999px;padding:.15rem .55rem;white-space:nowrap}
.live::before{content:"";width:.45rem;height:.45rem;border-radius:50%;background:currentColor;animation:pulse 1.6s infinite}
.live.off{color:var(--faint);background:#f2f3f5}
.live.off::before{animation:none}
@keyframes pulse{0%{box-shadow:0 0 0 0 rgba(31,157,85,.5)}70%{box-shadow:0 0 0 .4rem rgba(31,157,85,0)}100%{box-shadow:0 0 0 0 rgba(31,157,85,0)}}
.steps{display:grid;grid-template-columns:repeat(4,1fr);list-style:none;margin:1.25rem 0 0;padding:0;counter-reset:s}
.steps li{position:relative;text-align:center;font-size:.78rem;color:var(--faint);padding-top:1.5rem}
.steps li::before{content:"";position:absolute;top:.3rem;left:50%;transform:translateX(-50%);width:.8rem;height:.8rem;border-radius:50%;
background:#dfe1e5;z-index:1;box-sizing:border-box}
.steps li::after{content:"";position:absolute;top:.65rem;left:-50%;width:100%;height:2px;background:#dfe1e5}
.steps li:first-child::after{display:none}
.steps li.done,.steps li.now{color:var(--ink)}
.steps li.done::before{background:var(--brand)}
.steps li.done::after,.steps li.now::after{background:var(--brand)}
.steps li.now{font-weight:700;color:var(--brand)}
.steps li.now::before{background:#fff;border:.22rem solid var(--brand);width:1.05rem;height:1.05rem;top:.18rem}
.survey{display:flex;align-items:center;gap:.75rem;background:linear-gradient(135deg,#fff7f0,#fff);border:1px solid #ffd8c2}
.survey .text{flex:1;min-width:0}
.survey h2{font-size:1rem;margin:0}
.survey p{margin:.1rem 0 0;color:var(--muted);font-size:.82rem}
.survey .primary{width:auto;min-height:2.5rem;padding:0 1.1rem;font-size:.95rem;flex:none}
.facts{display:grid;grid-template-columns:auto 1fr;gap:.55rem .9rem;margin:0;font-size:.92rem}
.facts dt{color:var(--muted)}
.facts dd{margin:0;text-align:right;word-break:break-all}
.facts .row{display:contents}
.order-title{font-weight:600;font-size:1rem;margin:0 0 .7rem;padding-bottom:.7rem;border-bottom:1px dashed var(--line)}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.08em;font-weight:600}
.timeline{list-style:none;margin:.75rem 0 0;padding:0}
.entry{position:relative;padding:0 0 1.1rem 1.6rem}
.entry::before{content:"";position:absolute;left:.38rem;top:.5rem;bottom:-.3rem;width:2px;background:var(--line)}
.entry:last-child::before{display:none}
.entry .dot{position:absolute;left:.12rem;top:.32rem;width:.6rem;height:.6rem;border-radius:50%;background:#c9cdd4}
.entry.latest .dot{background:var(--brand);box-shadow:0 0 0 .25rem rgba(245,73,45,.18)}
.entry-title{margin:0;font-weight:600;font-size:.95rem}
.entry.latest .entry-title{color:var(--brand)}
.entry-text{margin:.15rem 0 0;color:var(--ink);font-size:.92rem;white-space:pre-wrap;word-break:break-word}
.entry time{display:block;color:var(--faint);font-size:.78rem;margin-top:.15rem}
.entry.fresh{animation:fresh 1.2s ease-out}
@keyframes fresh{from{background:#fff1ec}to{background:rgba(255,241,236,0)}}
.entry.fresh{border-radius:8px}
.q{margin:0 0 1.4rem}
.q:last-of-type{margin-bottom:1rem}
.q legend,.q .qlabel{font-weight:600;font-size:1rem;margin-bottom:.7rem;padding:0;display:block}
.q .num{display:inline-grid;place-items:center;width:1.5rem;height:1.5rem;border-radius:50%;background:#fff1ec;color:var(--brand);
font-size:.8rem;margin-right:.4rem;vertical-align:.08em}
fieldset{border:0;margin:0;padding:0;min-width:0}
.stars{display:flex;justify-content:space-between;gap:.25rem}
.star{flex:1;display:flex;flex-direction:column;align-items:center;gap:.2rem;cursor:pointer;font-size:.72rem;color:var(--faint);text-align:center}
.star input,.nps input{position:absolute;opacity:0;width:1px;height:1px}
.star .glyph{font-size:2.1rem;line-height:1;color:#dfe1e5;transition:transform .12s,color .12s}
.star.on .glyph{color:#ffb400}
.star.chosen{color:var(--ink);font-weight:600}
.star input:focus-visible+.glyph{outline:3px solid rgba(245,73,45,.45);outline-offset:2px;border-radius:4px}
.star:active .glyph{transform:scale(.9)}
.nps{display:grid;grid-template-columns:repeat(6,1fr);gap:.4rem}
.nps label{display:grid;place-items:center;min-height:2.6rem;border-radius:10px;background:#f4f5f7;font-weight:600;cursor:pointer;
border:1.5px solid transparent;font-variant-numeric:tabular-nums}
.nps label:has(input:checked){background:var(--brand);color:#fff}
.nps label:has(input:focus-visible){border-color:var(--ink)}
.scale{display:flex;justify-content:space-between;color:var(--faint);font-size:.75rem;margin-top:.45rem}
textarea{min-height:6rem;resize:vertical;font-size:1rem}
.counter{text-align:right;color:var(--faint);font-size:.75rem;margin:.25rem 0 0}
.center{text-align:center;padding:2rem 1rem}
.big-icon{display:inline-grid;place-items:center;width:4rem;height:4rem;border-radius:50%;background:#e8f7ee;color:var(--ok);font-size:2rem;margin-bottom:.75rem}
.big-icon.sorry{background:#fff1ec;color:var(--brand)}
.big-icon.unknown{background:#f2f3f5;color:var(--faint)}
.center h2{font-size:1.3rem;margin:0 0 .4rem}
.center p{color:var(--muted);margin:0 0 1.25rem}
.order-chip{display:flex;flex-wrap:wrap;gap:.25rem .75rem;font-size:.85rem;color:var(--muted);background:#f7f8fa;border-radius:10px;padding:.6rem .75rem;margin-bottom:1.25rem}
@media (min-width:480px){.nps{grid-template-columns:repeat(11,1fr)}main{padding:0 1rem 2.5rem}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`
