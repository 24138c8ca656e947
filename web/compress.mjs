// Pre-compress the built script: aiohttp's FileResponse serves `seat.js.gz` beside
// `seat.js` to a browser that accepts gzip, a third of the bytes on a venue's Wi-Fi.
// Only built files: a stale copy of a committed source must never be served.
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const path = new URL("../server/static/seat/seat.js", import.meta.url).pathname;
writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
