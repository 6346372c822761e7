/** The reports' base stylesheet, inline; light by default, dark when the reader's system is. */
export const REPORT_CSS = `
:root{--bg:#fff;--fg:#1c2430;--muted:#5b6675;--line:#e3e7ed;--card:#f6f8fa;--bar:#3b6fd8;--pos:#d9641e;--neg:#2f6fdb;--warn:#b45309;--warn-bg:#fff4e5;--lint:#9f1239;--lint-bg:#fde8ec;--na:#eceff3}
@media (prefers-color-scheme: dark){:root{--bg:#15191f;--fg:#e6e9ee;--muted:#9aa4b2;--line:#2b323c;--card:#1d232b;--bar:#6d9bff;--pos:#ff9548;--neg:#5b9bff;--warn:#fbbf24;--warn-bg:#2f2510;--lint:#fb7185;--lint-bg:#3a1620;--na:#262c35}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 28px 64px}
header h1{font-size:22px;margin:0 0 4px}
header p{margin:0;color:var(--muted)}
nav{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);padding:8px 0;margin:16px 0;z-index:1}
nav a{margin-right:16px;color:var(--fg);text-decoration:none;font-weight:600}
nav a:hover{color:var(--bar)}
h2{font-size:18px;margin:28px 0 12px;padding-top:8px}
h3{font-size:15px;margin:0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:var(--card);border:1px solid var(--line);color:var(--muted)}
.badge.sampled{background:var(--warn-bg);color:var(--warn);border-color:var(--warn)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.card b small{font-size:13px;font-weight:500;color:var(--muted)}
.card span{color:var(--muted);font-size:12px}
ul.findings{list-style:none;padding:0;margin:0;columns:2;column-gap:24px}
ul.findings li{break-inside:avoid;padding:5px 8px;margin-bottom:4px;border-radius:6px;background:var(--warn-bg)}
ul.findings.lint li{background:var(--lint-bg)}
.tag{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;margin-right:6px;color:var(--warn)}
ul.lint .tag{color:var(--lint)}
ul.findings a{color:inherit}
code.example{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg);padding:0 4px;border-radius:4px;margin-left:4px}
section.column{border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin-bottom:12px;display:grid;grid-template-columns:minmax(260px,1fr) minmax(300px,1.3fr);gap:8px 24px}
section.column header{grid-column:1/-1;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
section.column:target{outline:2px solid var(--bar)}
.kind{color:var(--muted);font-size:12px}
table.stats{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
table.stats th{text-align:left;font-weight:400;color:var(--muted);padding:2px 12px 2px 0;white-space:nowrap}
table.stats td{text-align:right;padding:2px 0;white-space:nowrap}
table.stats tr+tr{border-top:1px solid var(--line)}
.stats-grid{display:grid;grid-template-columns:1fr 1fr;gap:0 18px}
.chart{width:100%;max-width:420px;height:auto}
.chart.bars{width:400px;max-width:100%}
a{color:var(--bar)}
.chart rect{fill:var(--bar)}
.chart .axis{stroke:var(--line)}
.tick,.label{font-size:11px;fill:var(--muted)}
.chart.bars .label{fill:var(--fg)}
.heatmap rect.na{fill:var(--na)}
.heatmap .cell{font-size:10px;fill:var(--fg)}
.heatmap .label{fill:var(--fg)}
.matrices{display:flex;flex-wrap:wrap;gap:24px}
.matrices figure{margin:0}
figcaption{color:var(--muted);font-size:12px;margin-bottom:6px}
table.grid{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.grid th,table.grid td{border-bottom:1px solid var(--line);padding:3px 10px;text-align:left}
table.grid td.n{text-align:right}
.note{color:var(--muted);font-size:12px}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media (max-width:760px){section.column{grid-template-columns:1fr}ul.findings{columns:1}}
`;
