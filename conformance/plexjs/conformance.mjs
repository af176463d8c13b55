#!/usr/bin/env node
// plexauth conformance harness: drives the REAL, unmodified @lukehagar/plexjs 0.32.1 client against a running
// plexauth server and prints ONE JSON document on stdout:
//
//   {"harness": {...}, "cases": [{"name": "...", "ok": true|false, "detail": {...}}, ...]}
//
// Exit status: 0 when every case could be run (whatever its outcome: the Java test asserts per case),
// 2 on a harness failure (missing environment, unusable input). Diagnostics go to stderr and never contain a
// password, a TOTP secret or code, or a token. stdout does carry the tokens the Java side needs
// (detail.authToken, detail.token and the captured response bodies).
//
// Environment:
//   PLEXAUTH_URL                              base URL, e.g. http://127.0.0.1:32400 (PMS routes at the root,
//                                             plex.tv routes under /api/v2)
//   ADMIN_LOGIN, ADMIN_PASSWORD               owner account, no 2FA
//   USER_LOGIN, USER_PASSWORD                 non-admin account, no 2FA
//   TOTP_LOGIN, TOTP_PASSWORD, TOTP_SECRET    account with 2FA (base32 secret, SHA-1, 6 digits, 30 s)
//   SOURCE                                    a registered source, e.g. server://conformance-source
//   CONFORMANCE_TIMEOUT_MS                    optional per-call timeout (default 15000)
//
// See README.md.

import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { PlexAPI } from "@lukehagar/plexjs";
import { HTTPClient } from "@lukehagar/plexjs/lib/http.js";
import { GetTransientTokenQueryParamType, Scope } from "@lukehagar/plexjs/sdk/models/operations/index.js";

const EXPECTED_PLEXJS_VERSION = "0.32.1";
const requireCjs = createRequire(import.meta.url);
const PLEXJS_VERSION = requireCjs("@lukehagar/plexjs/package.json").version;
const ZOD_VERSION = requireCjs("zod/package.json").version;
const TIMEOUT_MS = Number(process.env.CONFORMANCE_TIMEOUT_MS || 15000);
const UNKNOWN_SOURCE = "server://does-not-exist";
const BAD_TOKEN = "not-a-real-token";

// ---------------------------------------------------------------------------------------------------------------
// Inputs

function harnessFailure(message) {
  process.stderr.write(`conformance: harness failure: ${message}\n`);
  process.exit(2);
}

if (PLEXJS_VERSION !== EXPECTED_PLEXJS_VERSION) {
  harnessFailure(`@lukehagar/plexjs ${PLEXJS_VERSION} is installed, expected ${EXPECTED_PLEXJS_VERSION} (run npm ci)`);
}

const REQUIRED_ENV = [
  "PLEXAUTH_URL",
  "ADMIN_LOGIN", "ADMIN_PASSWORD",
  "USER_LOGIN", "USER_PASSWORD",
  "TOTP_LOGIN", "TOTP_PASSWORD", "TOTP_SECRET",
  "SOURCE",
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
  BASE_URL = u.toString().replace(/\/+$/, ""); // no trailing slash: we append "/api/v2" ourselves
} catch (e) {
  harnessFailure(`PLEXAUTH_URL is not a usable http(s) URL (${e.message})`);
}
const PLEX_TV_URL = `${BASE_URL}/api/v2`; // per-call serverURL for getTokenDetails / postUsersSignInData
if (!Number.isFinite(TIMEOUT_MS) || TIMEOUT_MS <= 0) harnessFailure("CONFORMANCE_TIMEOUT_MS must be > 0");

// ---------------------------------------------------------------------------------------------------------------
// TOTP (RFC 6238 over RFC 4226; SHA-1, 6 digits, 30 s step)

function base32Decode(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = alphabet.indexOf(ch);
    if (idx < 0) throw new Error("TOTP_SECRET is not base32");
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function hotp(key, counter) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const bin = mac.readUInt32BE(off) & 0x7fffffff;
  return String(bin % 1_000_000).padStart(6, "0");
}

const totpStep = (ms = Date.now()) => Math.floor(ms / 1000 / 30);

// Self-check against the RFC 6238 Appendix B SHA-1 vectors (truncated to 6 digits).
{
  const rfcKey = Buffer.from("12345678901234567890", "ascii");
  const vectors = [[59, "287082"], [1111111109, "081804"], [1234567890, "005924"], [2000000000, "279037"]];
  for (const [t, code] of vectors) {
    if (hotp(rfcKey, Math.floor(t / 30)) !== code) harnessFailure("TOTP self-test against RFC 6238 failed");
  }
}

let TOTP_KEY;
try {
  TOTP_KEY = base32Decode(env.TOTP_SECRET);
  if (TOTP_KEY.length === 0) throw new Error("empty");
} catch (e) {
  harnessFailure(`TOTP_SECRET unusable (${e.message})`);
}

/** A 6-digit code that is certainly wrong: not the code of any step in [-2, +2] around now. */
function certainlyWrongCode() {
  const now = totpStep();
  const valid = new Set();
  for (let d = -2; d <= 2; d++) valid.add(hotp(TOTP_KEY, now + d));
  const base = hotp(TOTP_KEY, now);
  function* candidates() {
    yield base.slice(1) + base[0]; // the current code with its digits rotated left (e.g. "111111" stays equal)
    for (let k = 1; k <= 9; k++) yield [...base].map((c) => String((Number(c) + k) % 10)).join("");
  }
  for (const c of candidates()) if (!valid.has(c)) return c;
  // Unreachable in practice (5 valid codes, 10 candidates of which 9 differ pairwise in every digit).
  for (let n = 0; ; n++) if (!valid.has(String(n).padStart(6, "0"))) return String(n).padStart(6, "0");
}

// ---------------------------------------------------------------------------------------------------------------
// Client construction: one PlexAPI per case, each with its own lower-level HTTPClient that keeps a copy of every
// response body. plexjs 0.32.1 uses the M.nil(200) matcher for getTransientToken and
// getSourceConnectionInformation: it consumes and discards the body, so the only way to see the transient token or
// the Device/Connection data through the real SDK is the HTTPClient "response" hook (res.clone()).

function maskUrl(u) {
  try {
    const url = new URL(u);
    if (url.searchParams.has("X-Plex-Token")) url.searchParams.set("X-Plex-Token", "***");
    return url.pathname + url.search;
  } catch {
    return String(u);
  }
}

function parseBody(text, contentType) {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return { nonJson: true, contentType, text: text.slice(0, 2000) };
  }
}

/**
 * @param {object} opts
 * @param {string} [opts.accessToken]   undefined => no accessToken option at all
 * @param {(url: URL) => void} [opts.rewriteQuery] mutates the outgoing URL (see cases m and s)
 */
function makeClient({ accessToken, rewriteQuery } = {}) {
  const exchanges = [];
  const httpClient = new HTTPClient();
  if (rewriteQuery) {
    httpClient.addHook("beforeRequest", (req) => {
      const url = new URL(req.url);
      rewriteQuery(url);
      // A GET has no body, so method + headers + signal (the SDK's timeout) is the whole request.
      return new Request(url, { method: req.method, headers: req.headers, signal: req.signal });
    });
  }
  httpClient.addHook("response", async (res, req) => {
    const contentType = res.headers.get("content-type") || "";
    let text;
    try {
      text = await res.clone().text();
    } catch (e) {
      text = undefined;
      exchanges.push({ method: req.method, url: maskUrl(req.url), status: res.status, contentType,
        bodyError: String(e).slice(0, 200) });
      return;
    }
    exchanges.push({ method: req.method, url: maskUrl(req.url), status: res.status, contentType,
      retryAfter: res.headers.get("retry-after") ?? undefined, text });
  });
  const options = { serverURL: BASE_URL, httpClient, timeoutMs: TIMEOUT_MS };
  if (accessToken !== undefined) options.accessToken = accessToken;
  const sdk = new PlexAPI(options);
  return { auth: sdk.authentication, exchanges };
}

const pmsCall = () => ({ timeoutMs: TIMEOUT_MS });
const plexTvCall = () => ({ serverURL: PLEX_TV_URL, timeoutMs: TIMEOUT_MS });

// ---------------------------------------------------------------------------------------------------------------
// Reporting helpers

function lastExchange(exchanges) {
  return exchanges.length ? exchanges[exchanges.length - 1] : undefined;
}

function httpSummary(exchanges) {
  return exchanges.map(({ method, url, status, contentType, retryAfter, bodyError }) =>
    ({ method, url, status, contentType, ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(bodyError !== undefined ? { bodyError } : {}) }));
}

/** Common part of every detail: the wire exchanges and the last captured body (parsed). */
function wireDetail(exchanges) {
  const last = lastExchange(exchanges);
  return {
    http: httpSummary(exchanges),
    body: last && last.text !== undefined ? parseBody(last.text, last.contentType) : undefined,
  };
}

function describeSuccess(res, exchanges) {
  return {
    outcome: "resolved",
    statusCode: res?.statusCode,
    contentType: res?.contentType,
    ...wireDetail(exchanges),
  };
}

function describeError(err, exchanges) {
  const last = lastExchange(exchanges);
  const errs = Array.isArray(err?.errors) ? err.errors : undefined;
  const statusCode = typeof err?.statusCode === "number" ? err.statusCode
    : typeof err?.rawResponse?.status === "number" ? err.rawResponse.status
    : last?.status;
  return {
    outcome: "threw",
    errorClass: err?.constructor?.name ?? typeof err,
    errorName: err?.name,
    statusCode,
    errorCode: errs?.[0]?.code,
    errors: errs?.map((e) => ({ code: e?.code, message: e?.message, status: e?.status })),
    message: String(err?.message ?? err).slice(0, 200),
    cause: err?.cause !== undefined ? String(err.cause).slice(0, 200) : undefined,
    // SDKValidationError: the zod issues (which field of the response or the input failed, and why)
    validationIssues: Array.isArray(err?.cause?.issues)
      ? err.cause.issues.slice(0, 20).map((i) => ({ path: (i.path ?? []).join("."), code: i.code, message: i.message }))
      : undefined,
    contentType: err?.contentType ?? last?.contentType,
    ...wireDetail(exchanges),
  };
}

/** Runs an SDK call; returns {res} or {err} plus a detail object. Never throws. */
async function invoke(exchanges, fn) {
  try {
    const res = await fn();
    return { res, detail: describeSuccess(res, exchanges) };
  } catch (err) {
    return { err, detail: describeError(err, exchanges) };
  }
}

/** ok for an expected typed/SDK error: class name, and status / errors[0].code when given. */
function expectError(detail, { errorClass, statusCode, code }) {
  detail.expected = { errorClass, statusCode, code };
  return detail.outcome === "threw"
    && detail.errorClass === errorClass
    && (statusCode === undefined || detail.statusCode === statusCode)
    && (code === undefined || detail.errorCode === code);
}

const cases = [];
const state = {}; // tokens and facts carried between cases

async function runCase(name, fn) {
  const started = Date.now();
  let entry;
  try {
    const { ok, detail } = await fn();
    entry = { name, ok: Boolean(ok), detail };
  } catch (e) {
    // A bug or an unexpected shape inside the case itself: report it as a failed case, keep going.
    entry = { name, ok: false, detail: { outcome: "harness-error", message: String(e?.stack ?? e).slice(0, 500) } };
  }
  entry.detail.elapsedMs = Date.now() - started;
  cases.push(entry);
  process.stderr.write(`conformance: ${entry.ok ? "PASS" : "FAIL"} ${name}` +
    ` (${entry.detail.errorClass ?? entry.detail.outcome ?? "?"}` +
    `${entry.detail.statusCode !== undefined ? " " + entry.detail.statusCode : ""}` +
    `${entry.detail.errorCode !== undefined ? " code " + entry.detail.errorCode : ""})\n`);
}

function skipped(reason) {
  return { ok: false, detail: { outcome: "skipped", reason } };
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in (plex.tv, per-call serverURL)

const SIGNIN_HEADERS = {
  clientName: "plexauth conformance",
  deviceNickname: "node",
  clientVersion: "1.0",
  platform: "Node",
};

function signinRequest(clientID, login, password, verificationCode) {
  const requestBody = { login, password };
  if (verificationCode !== undefined) requestBody.verificationCode = verificationCode;
  return { clientID, ...SIGNIN_HEADERS, requestBody };
}

async function signinSuccessCase(clientID, login, password, verificationCode) {
  const { auth, exchanges } = makeClient();
  const { res, detail } = await invoke(exchanges, () =>
    auth.postUsersSignInData(signinRequest(clientID, login, password, verificationCode), plexTvCall()));
  detail.verificationCodeSent = verificationCode !== undefined;
  const acct = res?.userPlexAccount;
  if (acct) {
    detail.username = acct.username;
    detail.email = acct.email;
    detail.id = acct.id;
    detail.uuid = acct.uuid;
    detail.twoFactorEnabled = acct.twoFactorEnabled;
    detail.authTokenLength = typeof acct.authToken === "string" ? acct.authToken.length : undefined;
    detail.authToken = acct.authToken; // stdout only: the Java test needs it
  }
  detail.expected = { statusCode: 201, authToken: "non-empty string" };
  const ok = detail.outcome === "resolved" && res?.statusCode === 201
    && typeof acct?.authToken === "string" && acct.authToken.length > 0;
  return { ok, detail, account: ok ? acct : undefined };
}

async function signinErrorCase(clientID, login, password, verificationCode, expected) {
  const { auth, exchanges } = makeClient();
  const { detail } = await invoke(exchanges, () =>
    auth.postUsersSignInData(signinRequest(clientID, login, password, verificationCode), plexTvCall()));
  detail.verificationCodeSent = verificationCode !== undefined;
  return { ok: expectError(detail, expected), detail };
}

// ---------------------------------------------------------------------------------------------------------------
// PMS helpers

function firstOf(v) {
  return Array.isArray(v) ? v[0] : v;
}

function asArray(v) {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

async function transientCase(accessToken) {
  const { auth, exchanges } = makeClient({ accessToken });
  const { res, detail } = await invoke(exchanges, () =>
    auth.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, pmsCall()));
  const token = detail.body?.MediaContainer?.token;
  detail.token = token;
  detail.expected = { statusCode: 200, token: "transient-…" };
  const ok = detail.outcome === "resolved" && res?.statusCode === 200
    && typeof token === "string" && token.startsWith("transient-");
  return { ok, detail, token: ok ? token : undefined };
}

async function sourceInfoSuccessCase(accessToken, source) {
  const { auth, exchanges } = makeClient({ accessToken });
  const { res, detail } = await invoke(exchanges, () => auth.getSourceConnectionInformation(source, pmsCall()));
  const mc = detail.body?.MediaContainer;
  const device = firstOf(mc?.Device);
  const connections = asArray(device?.Connection);
  detail.device = device ? {
    name: device.name,
    clientIdentifier: device.clientIdentifier,
    accessTokenIsTransient: typeof device.accessToken === "string" && device.accessToken.startsWith("transient-"),
    connectionCount: connections.length,
  } : undefined;
  detail.expected = { statusCode: 200, body: "MediaContainer.Device{name, clientIdentifier, accessToken transient-…, Connection[]}" };
  const connectionsOk = connections.length > 0 && connections.every((c) =>
    c && typeof c.uri === "string" && typeof c.address === "string" && c.port !== undefined
    && typeof c.protocol === "string");
  const ok = detail.outcome === "resolved" && res?.statusCode === 200 && device !== undefined
    && typeof device.name === "string" && device.name.length > 0
    && typeof device.clientIdentifier === "string" && device.clientIdentifier.length > 0
    && detail.device.accessTokenIsTransient && connectionsOk;
  return { ok, detail };
}

async function sourceInfoErrorCase(accessToken, source, expected, rewriteQuery) {
  const { auth, exchanges } = makeClient({ accessToken, rewriteQuery });
  const { detail } = await invoke(exchanges, () => auth.getSourceConnectionInformation(source, pmsCall()));
  return { ok: expectError(detail, expected), detail };
}

// ---------------------------------------------------------------------------------------------------------------
// The cases, in order (later cases use tokens from earlier ones).

async function main() {
  const started = Date.now();

  // a. admin sign-in
  await runCase("signin_admin", async () => {
    const r = await signinSuccessCase("conformance-admin", env.ADMIN_LOGIN, env.ADMIN_PASSWORD);
    state.admin = r.account;
    return r;
  });

  // b. non-admin sign-in
  await runCase("signin_user", async () => {
    const r = await signinSuccessCase("conformance-user", env.USER_LOGIN, env.USER_PASSWORD);
    state.user = r.account;
    return r;
  });

  // c. 2FA account, no verificationCode
  await runCase("signin_totp_missing_code", () =>
    signinErrorCase("conformance-totp", env.TOTP_LOGIN, env.TOTP_PASSWORD, undefined,
      { errorClass: "PostUsersSignInDataUnauthorized", statusCode: 401, code: 1029 }));

  // d. 2FA account, a code that is wrong for every step in [-2, +2]
  await runCase("signin_totp_wrong_code", () =>
    signinErrorCase("conformance-totp", env.TOTP_LOGIN, env.TOTP_PASSWORD, certainlyWrongCode(),
      { errorClass: "PostUsersSignInDataUnauthorized", statusCode: 401, code: 1028 }));

  // e. 2FA account, the current step's code (used exactly once: the server refuses replays)
  await runCase("signin_totp", async () => {
    const r = await signinSuccessCase("conformance-totp", env.TOTP_LOGIN, env.TOTP_PASSWORD, hotp(TOTP_KEY, totpStep()));
    state.totp = r.account;
    return r;
  });

  // f. wrong password (on the non-admin account, so the owner's failure counter stays untouched)
  await runCase("signin_bad_password", () =>
    signinErrorCase("conformance-user", env.USER_LOGIN, `${env.USER_PASSWORD}-wrong`, undefined,
      { errorClass: "PostUsersSignInDataUnauthorized", statusCode: 401, code: 1001 }));

  // g. empty client identifier. plexjs validates clientID with z.string() (required, but "" passes) and sends the
  //    header with an empty value; the server must treat an empty header as missing. Valid credentials are sent
  //    so the client identifier is the only fault.
  await runCase("signin_missing_client_id", () =>
    signinErrorCase("", env.ADMIN_LOGIN, env.ADMIN_PASSWORD, undefined,
      { errorClass: "PostUsersSignInDataBadRequest", statusCode: 400, code: 1000 }));

  // h. token details with the admin token
  await runCase("token_details_admin", async () => {
    if (!state.admin) return skipped("no admin token (signin_admin failed)");
    const { auth, exchanges } = makeClient({ accessToken: state.admin.authToken });
    const { res, detail } = await invoke(exchanges, () => auth.getTokenDetails(plexTvCall()));
    const acct = res?.userPlexAccount;
    if (acct) {
      detail.username = acct.username;
      detail.id = acct.id;
      detail.uuid = acct.uuid;
      detail.email = acct.email;
      detail.sameAccountAsSignin = acct.id === state.admin.id && acct.uuid === state.admin.uuid;
    }
    detail.expected = { statusCode: 200, userPlexAccount: "parsed, same id/uuid as signin_admin" };
    const ok = detail.outcome === "resolved" && res?.statusCode === 200
      && typeof acct?.uuid === "string" && acct.uuid.length > 0 && detail.sameAccountAsSignin === true;
    return { ok, detail };
  });

  // i. token details with a bogus token
  await runCase("token_details_bad_token", async () => {
    const { auth, exchanges } = makeClient({ accessToken: BAD_TOKEN });
    const { detail } = await invoke(exchanges, () => auth.getTokenDetails(plexTvCall()));
    return { ok: expectError(detail, { errorClass: "GetTokenDetailsUnauthorized", statusCode: 401, code: 1001 }), detail };
  });

  // j. transient token from the admin token
  await runCase("transient_token", async () => {
    if (!state.admin) return skipped("no admin token (signin_admin failed)");
    const r = await transientCase(state.admin.authToken);
    state.transient = r.token;
    return r;
  });

  // k. transient token minted from a transient token
  await runCase("transient_from_transient", async () => {
    if (!state.transient) return skipped("no transient token (transient_token failed)");
    const r = await transientCase(state.transient);
    r.detail.differsFromSource = r.token !== undefined && r.token !== state.transient;
    return r;
  });

  // l. transient token with a bogus token
  await runCase("transient_bad_token", async () => {
    const { auth, exchanges } = makeClient({ accessToken: BAD_TOKEN });
    const { detail } = await invoke(exchanges, () =>
      auth.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, pmsCall()));
    return { ok: expectError(detail, { errorClass: "GetTransientTokenUnauthorized", statusCode: 401 }), detail };
  });

  // m. wrong `type`. plexjs validates its closed enums before sending anything (an invalid value is an
  //    SDKValidationError and no request), so the server's 400 can only be reached through the real SDK by calling
  //    it with the valid enums and rewriting the outgoing URL in the HTTPClient "beforeRequest" hook
  //    (type=delegation -> type=bogus). The response still goes through plexjs' own matchers, so the error class
  //    is exactly what a plexjs user would get from such a 400.
  await runCase("transient_bad_type", async () => {
    if (!state.admin) return skipped("no admin token (signin_admin failed)");
    const { auth, exchanges } = makeClient({
      accessToken: state.admin.authToken,
      rewriteQuery: (url) => url.searchParams.set("type", "bogus"),
    });
    const { detail } = await invoke(exchanges, () =>
      auth.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, pmsCall()));
    detail.rewrittenQuerySent = exchanges.some((x) => /[?&]type=bogus(&|$)/.test(x.url));
    const ok = expectError(detail, { errorClass: "GetTransientTokenBadRequest", statusCode: 400 })
      && detail.rewrittenQuerySent;
    return { ok, detail };
  });

  // n. source connection information with the admin token
  await runCase("source_info_admin", async () => {
    if (!state.admin) return skipped("no admin token (signin_admin failed)");
    return sourceInfoSuccessCase(state.admin.authToken, env.SOURCE);
  });

  // o. same with the transient token made from the admin token
  await runCase("source_info_transient_admin", async () => {
    if (!state.transient) return skipped("no transient token (transient_token failed)");
    return sourceInfoSuccessCase(state.transient, env.SOURCE);
  });

  // p. non-admin token: 403 has no typed error in plexjs 0.32.1, so it is an SDKError
  await runCase("source_info_non_admin", async () => {
    if (!state.user) return skipped("no user token (signin_user failed)");
    return sourceInfoErrorCase(state.user.authToken, env.SOURCE, { errorClass: "SDKError", statusCode: 403 });
  });

  // q. unknown source: 404, an SDKError
  await runCase("source_info_unknown", async () => {
    if (!state.admin) return skipped("no admin token (signin_admin failed)");
    return sourceInfoErrorCase(state.admin.authToken, UNKNOWN_SOURCE, { errorClass: "SDKError", statusCode: 404 });
  });

  // r. bogus token
  await runCase("source_info_bad_token", () =>
    sourceInfoErrorCase(BAD_TOKEN, env.SOURCE,
      { errorClass: "GetSourceConnectionInformationUnauthorized", statusCode: 401 }));

  // s. no `source` parameter. plexjs requires the argument (a string; it always sends `source=`), so, as in m,
  //    the HTTPClient "beforeRequest" hook removes the parameter from the outgoing URL.
  await runCase("source_info_missing_source", async () => {
    if (!state.admin) return skipped("no admin token (signin_admin failed)");
    const r = await sourceInfoErrorCase(state.admin.authToken, env.SOURCE,
      { errorClass: "GetSourceConnectionInformationBadRequest", statusCode: 400 },
      (url) => url.searchParams.delete("source"));
    r.detail.sourceParamDropped = r.detail.http.length > 0
      && r.detail.http.every((x) => !/[?&]source=/.test(x.url));
    r.ok = r.ok && r.detail.sourceParamDropped;
    return r;
  });

  // t. token details without any token (plexjs then sends no X-Plex-Token and no Authorization header)
  await runCase("token_details_missing_token", async () => {
    const { auth, exchanges } = makeClient();
    const { detail } = await invoke(exchanges, () => auth.getTokenDetails(plexTvCall()));
    return { ok: expectError(detail, { errorClass: "GetTokenDetailsUnauthorized", statusCode: 401 }), detail };
  });

  const result = {
    harness: {
      plexjs: PLEXJS_VERSION,
      zod: ZOD_VERSION,
      node: process.version,
      baseURL: BASE_URL,
      plexTvURL: PLEX_TV_URL,
      timeoutMs: TIMEOUT_MS,
      elapsedMs: Date.now() - started,
      passed: cases.filter((c) => c.ok).length,
      total: cases.length,
    },
    cases,
  };
  process.stderr.write(`conformance: ${result.harness.passed}/${result.harness.total} cases ok\n`);
  // Exit only once the document is flushed (stdout may be a pipe read by the Java test).
  await new Promise((resolve) => process.stdout.write(JSON.stringify(result) + "\n", resolve));
}

main().then(
  () => process.exit(0),
  (e) => harnessFailure(String(e?.stack ?? e)),
);
