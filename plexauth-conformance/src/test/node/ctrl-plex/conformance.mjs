#!/usr/bin/env node
// plexauth conformance harness: drives the REAL, unmodified @ctrl/plex 3.12.1 client against a running plexauth
// server and reports what happened, as ONE JSON document on stdout:
//
//   {"harness": {...}, "cases": [{"name": "...", "call": "...", "detail": {...}}, ...]}
//
// @ctrl/plex talks to https://plex.tv itself (ofetch, which calls globalThis.fetch). This script wraps
// globalThis.fetch before it loads the library, so every request to https://plex.tv goes to the server under test
// instead, path and query unchanged; requests to the servers it connects to go where the resources say. It reports
// facts only (what @ctrl/plex returned or threw, and every exchange on the wire); it judges nothing. The Java test
// (CtrlPlexConformanceTest) holds the expectations and checks every exchange against the project's OpenAPI document.
//
// Exit status: 0 when the report was printed, 2 on a harness failure (missing environment, unusable input).
// Diagnostics go to stderr and never contain a password, a code or a token. stdout does carry the tokens the
// Java side needs.
//
// Environment:
//   PLEXAUTH_URL                  base URL, e.g. http://127.0.0.1:32400 (https://plex.tv is sent here)
//   ADMIN_LOGIN, ADMIN_PASSWORD   owner account, no 2FA
//   USER_LOGIN, USER_PASSWORD     another account, no 2FA: the person who approves the web login
//   TOTP_LOGIN, TOTP_PASSWORD     account with 2FA
//   TOTP_CODE                     that account's current code (used once, appended to the password)
//   PMS_RESOURCE                  the client identifier of a resource whose connection is the server under test
//   CONFORMANCE_TIMEOUT_MS        optional per-request timeout (default 15000)
//
// See README.md.

import { createRequire } from "node:module";

const requireCjs = createRequire(import.meta.url);
const CTRL_PLEX_VERSION = requireCjs("@ctrl/plex/package.json").version;
const TIMEOUT_MS = Number(process.env.CONFORMANCE_TIMEOUT_MS || 15000);
const PLEX_TV = "https://plex.tv";
const BAD_TOKEN = "not-a-real-token";

function harnessFailure(message) {
  process.stderr.write(`ctrl-plex conformance: harness failure: ${message}\n`);
  process.exit(2);
}

const REQUIRED_ENV = [
  "PLEXAUTH_URL",
  "ADMIN_LOGIN", "ADMIN_PASSWORD",
  "USER_LOGIN", "USER_PASSWORD",
  "TOTP_LOGIN", "TOTP_PASSWORD", "TOTP_CODE",
  "PMS_RESOURCE",
];
const missing = REQUIRED_ENV.filter((k) => !process.env[k]);
if (missing.length > 0) {
  harnessFailure(`missing environment variable(s): ${missing.join(", ")}`);
}
const env = Object.fromEntries(REQUIRED_ENV.map((k) => [k, process.env[k]]));

let BASE_URL;
try {
  const u = new URL(env.PLEXAUTH_URL);
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http(s)");
  BASE_URL = u.toString().replace(/\/+$/, "");
} catch (e) {
  harnessFailure(`PLEXAUTH_URL is not a usable http(s) URL (${e.message})`);
}
if (!Number.isFinite(TIMEOUT_MS) || TIMEOUT_MS <= 0) harnessFailure("CONFORMANCE_TIMEOUT_MS must be > 0");

// ---------------------------------------------------------------------------------------------------------------
// The redirect, and the record of every exchange. Installed before @ctrl/plex is loaded.

/** Exchanges of the case running now; runCase swaps in a fresh list. */
let exchanges = [];

function maskUrl(u) {
  try {
    const url = new URL(u);
    if (url.searchParams.has("X-Plex-Token")) url.searchParams.set("X-Plex-Token", "***");
    return url.pathname + url.search;
  } catch {
    return String(u);
  }
}

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const original = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const redirected = original.startsWith(PLEX_TV + "/") ? BASE_URL + original.slice(PLEX_TV.length) : original;
  let request;
  if (typeof input === "string" || input instanceof URL) {
    request = [redirected, init];
  } else {
    request = [new Request(redirected, input), init];
  }
  const method = (init?.method ?? (typeof input === "object" && !(input instanceof URL) ? input.method : "GET"))
    .toUpperCase();
  const response = await realFetch(...request);
  const exchange = {
    method,
    // Where @ctrl/plex sent it, when that was https://plex.tv and the redirect took it to the server.
    requested: original === redirected ? undefined : new URL(original).origin,
    path: new URL(redirected).pathname,
    url: maskUrl(redirected),
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
  };
  try {
    exchange.body = await response.clone().text();
  } catch (e) {
    exchange.bodyError = String(e).slice(0, 200);
  }
  exchanges.push(exchange);
  return response;
};

const { MyPlexAccount, PlexServer } = await import("@ctrl/plex");

// ---------------------------------------------------------------------------------------------------------------
// Reporting

function describeError(err) {
  return {
    outcome: "threw",
    errorClass: err?.constructor?.name ?? typeof err,
    statusCode: typeof err?.statusCode === "number" ? err.statusCode
      : typeof err?.status === "number" ? err.status : undefined,
    data: typeof err?.data === "string" ? err.data.slice(0, 500)
      : err?.data !== undefined ? JSON.stringify(err.data).slice(0, 500) : undefined,
    message: String(err?.message ?? err).slice(0, 300),
  };
}

const cases = [];
const state = {}; // what later cases need from earlier ones (facts, not verdicts)

async function runCase(name, call, fn) {
  const started = Date.now();
  exchanges = [];
  let detail;
  try {
    detail = { outcome: "resolved", ...(await fn()) };
  } catch (err) {
    detail = err?.harnessSkip ? { outcome: "skipped", reason: err.harnessSkip } : describeError(err);
  }
  detail.http = exchanges;
  detail.elapsedMs = Date.now() - started;
  cases.push({ name, call, detail });
  process.stderr.write(`ctrl-plex conformance: ran ${name} (${detail.outcome}` +
    `${detail.statusCode !== undefined ? " " + detail.statusCode : ""}, ${exchanges.length} exchange(s))\n`);
}

function skip(reason) {
  const e = new Error(reason);
  e.harnessSkip = reason;
  return e;
}

/** What @ctrl/plex loaded into a MyPlexAccount. */
function accountFacts(account) {
  return {
    username: account.username,
    email: account.email,
    id: account.id,
    uuid: account.uuid,
    subscriptionStatus: account.subscriptionStatus,
    token: account.authenticationToken, // stdout only: the Java test needs it
  };
}

/** What @ctrl/plex loaded into a PlexServer. */
function serverFacts(server) {
  return {
    baseurl: server.baseurl,
    machineIdentifier: server.machineIdentifier,
    friendlyName: server.friendlyName,
    myPlex: server.myPlex,
    myPlexUsername: server.myPlexUsername,
    ownerFeatures: server.ownerFeatures,
    version: server.version,
    platform: server.platform,
    transcoderActiveVideoSessions: server.transcoderActiveVideoSessions,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The cases, in order (later cases use what earlier ones got).

async function main() {
  const started = Date.now();

  // a. MyPlexAccount with username and password: POST https://plex.tv/users/sign_in.json, HTTP Basic
  await runCase("signin_password", "new MyPlexAccount(null, login, password).connect()", async () => {
    const account = await new MyPlexAccount(null, env.ADMIN_LOGIN, env.ADMIN_PASSWORD, undefined, TIMEOUT_MS)
      .connect();
    state.account = account;
    return accountFacts(account);
  });

  // b. a two-factor account, its current code appended to the password, as Plex tells users of older apps
  await runCase("signin_two_factor", "new MyPlexAccount(null, login, password + code).connect()", async () => {
    const account = await new MyPlexAccount(null, env.TOTP_LOGIN, env.TOTP_PASSWORD + env.TOTP_CODE, undefined,
      TIMEOUT_MS).connect();
    return accountFacts(account);
  });

  // c. a wrong password
  await runCase("signin_refused", "new MyPlexAccount(null, login, wrong password).connect()", async () => {
    const account = await new MyPlexAccount(null, env.ADMIN_LOGIN, `${env.ADMIN_PASSWORD}-wrong`, undefined,
      TIMEOUT_MS).connect();
    return accountFacts(account);
  });

  // d. the two-factor account without its code
  await runCase("signin_two_factor_without_code", "new MyPlexAccount(null, login, password).connect()",
    async () => {
      const account = await new MyPlexAccount(null, env.TOTP_LOGIN, env.TOTP_PASSWORD, undefined, TIMEOUT_MS)
        .connect();
      return accountFacts(account);
    });

  // e. MyPlexAccount with the token of a: GET https://plex.tv/api/v2/user
  await runCase("account_from_token", "new MyPlexAccount(null, '', '', token).connect()", async () => {
    if (!state.account) throw skip("no account from signin_password");
    const account = await new MyPlexAccount(null, "", "", state.account.authenticationToken, TIMEOUT_MS).connect();
    return accountFacts(account);
  });

  // f. the account's resources: GET https://plex.tv/api/v2/resources?includeHttps=1&includeRelay=1
  await runCase("resources", "account.resources()", async () => {
    if (!state.account) throw skip("no account from signin_password");
    const resources = await state.account.resources();
    state.resources = resources;
    return {
      resources: resources.map((r) => ({
        name: r.name,
        clientIdentifier: r.clientIdentifier,
        owned: r.owned,
        provides: r.provides,
        product: r.product,
        createdAt: r.createdAt instanceof Date && !isNaN(r.createdAt) ? r.createdAt.toISOString() : null,
        accessToken: r.accessToken, // stdout only
        connections: r.connections.map((c) => ({ uri: c.uri, local: c.local, port: c.port })),
      })),
    };
  });

  // g. PlexServer.connect() through the resource that is the server under test, with its accessToken: GET /
  await runCase("server_connect", "resource.connect()", async () => {
    const resource = state.resources?.find((r) => r.clientIdentifier === env.PMS_RESOURCE);
    if (!resource) throw skip("no resource PMS_RESOURCE from resources");
    const server = await resource.connect(null, TIMEOUT_MS);
    state.server = server;
    return serverFacts(server);
  });

  // h. a transient token through that server object, the way @ctrl/plex asks a server for anything
  await runCase("transient_token", "server.query('/security/token?type=delegation&scope=all')", async () => {
    if (!state.server) throw skip("no server from server_connect");
    const answer = await state.server.query("/security/token?type=delegation&scope=all");
    state.transient = answer?.MediaContainer?.token;
    return { token: state.transient }; // stdout only
  });

  // i. PlexServer.connect() with that transient token
  await runCase("server_connect_transient", "new PlexServer(url, transient).connect()", async () => {
    if (!state.transient) throw skip("no transient token from transient_token");
    const server = new PlexServer(BASE_URL, state.transient, TIMEOUT_MS);
    await server.connect();
    return serverFacts(server);
  });

  // j. PlexServer.connect() with a bogus token
  await runCase("server_connect_bad_token", "new PlexServer(url, bogus).connect()", async () => {
    const server = new PlexServer(BASE_URL, BAD_TOKEN, TIMEOUT_MS);
    await server.connect();
    return serverFacts(server);
  });

  // k. the account's devices, the older way: GET https://plex.tv/devices.xml (parsed as XML by the library)
  await runCase("devices", "account.devices()", async () => {
    if (!state.account) throw skip("no account from signin_password");
    const devices = await state.account.devices();
    return {
      devices: devices.map((d) => ({
        id: d.id,
        name: d.name,
        product: d.product,
        clientIdentifier: d.clientIdentifier,
        createdAtMillis: d.createdAt instanceof Date ? d.createdAt.getTime() : null,
        hasToken: d.token !== undefined,
      })),
    };
  });

  // l. web login: MyPlexAccount.getWebLogin() makes a strong pin (POST https://plex.tv/api/v2/pins); the person,
  // signed in as the owner elsewhere, approves its code (PUT https://plex.tv/api/v2/pins/link); then
  // MyPlexAccount.webLoginCheck() polls GET https://plex.tv/api/v2/pins/{id} and connects with the token.
  // The person is a third account (USER_LOGIN), signed in on another device: the pin's token, for the library's
  // client identifier, then replaces no token an earlier case got.
  await runCase("web_login", "MyPlexAccount.getWebLogin(), then webLoginCheck(webLogin)", async () => {
    const signIn = await globalThis.fetch(`${PLEX_TV}/api/v2/users/signin`, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Plex-Client-Identifier": "conformance-approver",
      },
      body: new URLSearchParams({ login: env.USER_LOGIN, password: env.USER_PASSWORD }).toString(),
    });
    const approver = (await signIn.json()).authToken;
    if (!approver) throw skip(`the approver could not sign in (${signIn.status})`);
    const webLogin = await MyPlexAccount.getWebLogin();
    const approval = await globalThis.fetch(`${PLEX_TV}/api/v2/pins/link`, {
      method: "PUT",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Plex-Client-Identifier": "conformance-approver",
        "X-Plex-Token": approver,
      },
      body: new URLSearchParams({ code: webLogin.code }).toString(),
    });
    const account = await MyPlexAccount.webLoginCheck(webLogin, 30);
    return {
      pinId: webLogin.id,
      codeLength: String(webLogin.code).length,
      uri: webLogin.uri, // stdout only: it holds the code
      approvalStatus: approval.status,
      ...accountFacts(account),
    };
  });

  const result = {
    harness: {
      ctrlPlex: CTRL_PLEX_VERSION,
      node: process.version,
      baseURL: BASE_URL,
      timeoutMs: TIMEOUT_MS,
      elapsedMs: Date.now() - started,
      total: cases.length,
    },
    cases,
  };
  process.stderr.write(`ctrl-plex conformance: ran ${result.harness.total} cases\n`);
  await new Promise((resolve) => process.stdout.write(JSON.stringify(result) + "\n", resolve));
}

main().then(
  () => process.exit(0),
  (e) => harnessFailure(String(e?.stack ?? e)),
);
