#!/usr/bin/env node
// getTokenDetails in a loop with the real @lukehagar/plexjs 0.32.1 client, one call at a time, against a running
// plexauth server: the Node peer of TokenDetailsBenchmark. The client comes from the conformance harness,
// plexauth-conformance/src/test/node/plexjs (npm ci there).
//
//   node token-details-loop.mjs URL TOKEN WARMUP_SECONDS SECONDS REPETITIONS
//
// Prints one JSON line per measured repetition: {"calls": n, "seconds": s, "callsPerSecond": r}.
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [url, token, warmupArg, secondsArg, repsArg] = process.argv.slice(2);
if (!url || !token || !warmupArg || !secondsArg || !repsArg) {
  process.stderr.write("usage: token-details-loop.mjs URL TOKEN WARMUP_SECONDS SECONDS REPETITIONS\n");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const fromConformance = createRequire(resolve(here, "../../plexauth-conformance/src/test/node/plexjs/package.json"));
const version = fromConformance("@lukehagar/plexjs/package.json").version;
if (version !== "0.32.1") {
  process.stderr.write(`@lukehagar/plexjs ${version} is installed, expected 0.32.1 (npm ci in plexauth-conformance/src/test/node/plexjs)\n`);
  process.exit(2);
}
const { PlexAPI } = await import(pathToFileURL(fromConformance.resolve("@lukehagar/plexjs")).href);

const plex = new PlexAPI({ serverURL: url, accessToken: token, clientID: "plexauth-bench" });
const call = { serverURL: `${url}/api/v2` };

async function loop(seconds) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let calls = 0;
  let now = start;
  while (now < end) {
    const res = await plex.authentication.getTokenDetails(call);
    if (res.statusCode !== 200 || !res.userPlexAccount?.uuid) {
      throw new Error(`unexpected answer ${res.statusCode}`);
    }
    calls++;
    now = process.hrtime.bigint();
  }
  return { calls, seconds: Number(now - start) / 1e9 };
}

await loop(Number(warmupArg));
for (let i = 0; i < Number(repsArg); i++) {
  const { calls, seconds } = await loop(Number(secondsArg));
  process.stdout.write(JSON.stringify({ calls, seconds, callsPerSecond: calls / seconds }) + "\n");
}
