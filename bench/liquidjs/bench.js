// LiquidJS baseline for bench/Parley.Bench (liquid): parses every case once, then renders the
// pre-parsed templates in a timed loop and prints {"rendersPerSecond": N} as its last line.
const fs = require('fs');
const { Liquid } = require('liquidjs');

const [file, msArg] = process.argv.slice(2);
const durationMs = Number(msArg || 3000);
const liquid = new Liquid({ locale: 'en-US' });
const cases = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
const prepared = [];
for (const c of cases) {
  try {
    const tpl = liquid.parse(c.template);
    liquid.renderSync(tpl, c.context);
    prepared.push({ tpl, ctx: c.context });
  } catch (e) { /* cases LiquidJS cannot render are left out of the timing */ }
}
for (let i = 0; i < 20; i++) for (const p of prepared) liquid.renderSync(p.tpl, p.ctx);
// best of three rounds, as on the .NET side: the machine is shared
let best = 0;
for (let round = 0; round < 3; round++) {
  let renders = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(durationMs) * 1000000n;
  while (process.hrtime.bigint() - start < limit) {
    for (const p of prepared) liquid.renderSync(p.tpl, p.ctx);
    renders += prepared.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  best = Math.max(best, renders / seconds);
}
console.log(JSON.stringify({ cases: prepared.length, rendersPerSecond: best }));
