// extract_readability.mjs -- Mozilla Readability.js over linkedom, the peer
// that bench/extract_dev.py runs beside tidings. Reads page paths on stdin,
// prints one JSON line a page: {"file","text","seconds"} (seconds: parse and
// extraction, CPU time of this process, file reading excluded).
// The packages are installed by the bench into build/bench-node, never into
// the repository; NODE_PATH points there.
import { createRequire } from 'module';
import { readFileSync } from 'fs';
import path from 'path';
const require = createRequire(path.join(process.env.BENCH_NODE, 'node_modules', 'x.js'));
const { Readability } = require('@mozilla/readability');
const { parseHTML } = require('linkedom');
const lines = readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const file of lines) {
  const html = readFileSync(file, 'utf8');
  const t0 = process.cpuUsage();
  let text = '';
  try {
    const { document } = parseHTML(html);
    const art = new Readability(document).parse();
    text = art && art.textContent ? art.textContent : '';
  } catch (e) {
    text = '';
  }
  const dt = process.cpuUsage(t0);
  process.stdout.write(JSON.stringify({ file, text, seconds: (dt.user + dt.system) / 1e6 }) + '\n');
}
