/**
 * What the drift report adds to the base stylesheet: the two sides' colours, verdict and badges, and
 * rendering hints that keep a report of thousands of columns fast to open.
 */
export const DRIFT_CSS = `
:root{--base:#3b6fd8;--cur:#e8590c;--drift:#c92a2a;--drift-bg:#fdecec;--ok:#2b8a3e;--ok-bg:#e8f5eb}
@media (prefers-color-scheme: dark){:root{--base:#6d9bff;--cur:#ff922b;--drift:#ff8787;--drift-bg:#3a1719;--ok:#69db7c;--ok-bg:#14301c}}
.verdict{margin:16px 0;padding:12px 16px;border-radius:8px;border-left:6px solid var(--ok);background:var(--ok-bg);font-size:15px}
.verdict b{font-size:18px;margin-right:10px}
.verdict.drift{border-color:var(--drift);background:var(--drift-bg)}
.verdict.drift b{color:var(--drift)}
.verdict.ok b{color:var(--ok)}
.badge.drift{background:var(--drift-bg);color:var(--drift);border-color:var(--drift)}
.badge.ok{background:var(--ok-bg);color:var(--ok);border-color:var(--ok)}
.badge.na{border-style:dashed}
.why{color:var(--muted);font-size:12px}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:12px 24px;margin-bottom:12px}
.card.side h3{margin-bottom:6px}
code.sha{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all;white-space:normal}
table.stats.prov td{text-align:left;white-space:normal}
table.stats caption{text-align:left;font-weight:600;padding-bottom:4px}
table.stats.sides{margin-top:10px}
table.stats.sides tr:first-child td{color:var(--muted);font-size:12px}
table.stats.sides td{padding-left:16px}
table.stats td small{margin-left:4px}
table.grid th.n{text-align:right}
table.summary{table-layout:fixed;width:100%}
.summary .rows{content-visibility:auto;contain-intrinsic-size:auto 4000px}
table.summary :is(td,th):nth-child(1){width:19%;overflow-wrap:anywhere}
table.summary :is(td,th):nth-child(2){width:96px}
table.summary :is(td,th):nth-child(3){width:116px}
table.summary :is(td,th):nth-child(4){width:18%}
table.summary :is(td,th):nth-child(n+5):nth-child(-n+7){width:84px}
table.summary td{vertical-align:middle}
table.grid+section.column{margin-top:12px}
small{color:var(--muted);font-size:12px;font-weight:400}
table.summary a{color:var(--fg)}
tr.first td{background:var(--drift-bg)}
.legend{margin:4px 0 8px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px -1px 8px;vertical-align:baseline}
.sw.b{background:var(--base)}
.sw.c{background:var(--cur)}
svg.mini{width:96px;height:24px;display:block}
svg .b{fill:var(--base);fill-opacity:.55}
svg .c{fill:var(--cur);fill-opacity:.2;stroke:var(--cur);stroke-width:1.5;stroke-linejoin:round;vector-effect:non-scaling-stroke}
.chart .axis path{stroke:var(--muted);fill:none}
.chart .axis text{font-size:11px;fill:var(--muted);stroke:none;text-anchor:middle}
use.u{fill:var(--base);fill-opacity:.55;color:var(--cur);stroke-width:1.5;stroke-linejoin:round}
.chart .y text{font-size:11px;fill:var(--muted);text-anchor:end}
.chart.dist{max-width:480px}
ul.cats{list-style:none;margin:0;padding:0;font-size:11px;line-height:16px;max-width:520px}
ul.cats li{display:grid;grid-template-columns:150px 240px auto;white-space:nowrap;overflow:hidden;background:linear-gradient(var(--base) 0 0) 156px 2px/calc(var(--b) * 2.3px) 5px no-repeat,linear-gradient(var(--cur) 0 0) 156px 9px/calc(var(--c) * 2.3px) 5px no-repeat}
ul.cats u{text-decoration:none}
ul.cats li:last-child u{font-style:italic;color:var(--muted)}
ul.cats i{grid-column:3;font-style:normal;color:var(--muted)}
.chart.windows{max-width:760px}
.chart.windows .grid path{stroke:var(--line)}
.chart.windows text{font-size:11px;fill:var(--muted)}
.chart.windows .grid text{text-anchor:end}
.chart.windows .ticks text{text-anchor:middle}
.chart.windows .line{fill:none;stroke:var(--cur);stroke-width:2;stroke-linejoin:round}
.chart.windows circle{fill:var(--cur)}
.chart.windows circle.d{fill:var(--drift)}
.chart.windows path.threshold{stroke:var(--drift);stroke-dasharray:6 4;fill:none}
.chart.windows text.threshold{fill:var(--drift);text-anchor:end}
.chart.windows .first path{stroke:var(--fg);stroke-dasharray:2 3}
.chart.windows .first text{fill:var(--fg);font-weight:600}
h3.sub{margin:16px 0 8px}
details{margin:8px 0}
summary{cursor:pointer;color:var(--muted)}
section.column{content-visibility:auto;contain-intrinsic-size:auto 320px}
@media (max-width:760px){.sides{grid-template-columns:1fr}}
`;
