// Renders benchmark cases with LiquidJS (pre-parsed templates, timed loop) and prints one JSON line of figures.
// Input: a JSON file of [{template, context}] given as argv[2]; seconds to run as argv[3].
import { readFileSync } from "node:fs";
import { Liquid } from "liquidjs";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const seconds = Number(process.argv[3] ?? "3");
const engine = new Liquid({ locale: "en-US" });
const parsed = [];
for (const c of cases) {
  try { parsed.push({ tpl: engine.parse(c.template), ctx: c.context }); } catch { /* error cases are skipped on both sides */ }
}
const renderAll = () => { for (const p of parsed) { try { engine.renderSync(p.tpl, p.ctx); } catch { } } };
for (let i = 0; i < 20; i++) renderAll();
let renders = 0;
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() < deadline) { renderAll(); renders += parsed.length; }
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ engine: "liquidjs@10.30.1", cases: parsed.length, renders, seconds: elapsed, rendersPerSecond: renders / elapsed }));
