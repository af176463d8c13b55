#!/usr/bin/env node
// plexauth conformance harness: drives the REAL, unmodified @lukehagar/plexjs 0.32.1 client against a running
// plexauth server and reports what happened, as ONE JSON document on stdout:
//
//   {"harness": {...}, "cases": [{"name": "...", "call": "...", "detail": {...}}, ...]}
//
// It reports facts only (what plexjs returned or threw, and every exchange on the wire); it judges nothing. The
// Java test (PlexjsConformanceTest) holds the expectations and checks every exchange against the project's
// OpenAPI document.
//
// Exit status: 0 when the report was printed, 2 on a harness failure (missing environment, unusable input).
// Diagnostics go to stderr and never contain a password, a TOTP code or a token. stdout does carry the tokens the
// Java side needs (detail.authToken, detail.token and the captured response bodies).
//
// Environment:
//   PLEXAUTH_URL                              base URL, e.g. http://127.0.0.1:32400 (PMS routes at the root,
//                                             plex.tv routes under /api/v2)
//   ADMIN_LOGIN, ADMIN_PASSWORD               owner account, no 2FA
//   USER_LOGIN, USER_PASSWORD                 non-admin account, no 2FA
//   TOTP_LOGIN, TOTP_PASSWORD                 account with 2FA
//   TOTP_CODE, TOTP_WRONG_CODE                that account's current code, and a code that is wrong now
//   SOURCE                                    a registered source, e.g. server://living-room
//   PMS_RESOURCE                              the client identifier of a resource whose connection is this
//                                             server (its accessToken is tried on GET /)
//                                             (the pin cases approve with the USER account's token)
//   CONFORMANCE_TIMEOUT_MS                    optional per-call timeout (default 15000)
//
// See README.md.

import { createRequire } from "node:module";
import { PlexAPI } from "@lukehagar/plexjs";
import { HTTPClient } from "@lukehagar/plexjs/lib/http.js";
import {
  GetTransientTokenQueryParamType,
  IncludeHttps,
  IncludeIPv6,
  IncludeRelay,
  Scope,
} from "@lukehagar/plexjs/sdk/models/operations/index.js";

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

const REQUIRED_ENV = [
  "PLEXAUTH_URL",
  "ADMIN_LOGIN", "ADMIN_PASSWORD",
  "USER_LOGIN", "USER_PASSWORD",
  "TOTP_LOGIN", "TOTP_PASSWORD", "TOTP_CODE", "TOTP_WRONG_CODE",
  "SOURCE",
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
  BASE_URL = u.toString().replace(/\/+$/, ""); // no trailing slash: we append "/api/v2" ourselves
} catch (e) {
  harnessFailure(`PLEXAUTH_URL is not a usable http(s) URL (${e.message})`);
}
const PLEX_TV_URL = `${BASE_URL}/api/v2`; // per-call serverURL for getTokenDetails / postUsersSignInData
if (!Number.isFinite(TIMEOUT_MS) || TIMEOUT_MS <= 0) harnessFailure("CONFORMANCE_TIMEOUT_MS must be > 0");

// ---------------------------------------------------------------------------------------------------------------
// Client construction: one PlexAPI per case, each with its own lower-level HTTPClient that keeps a copy of every
// response. plexjs 0.32.1 uses the M.nil(200) matcher for getTransientToken and getSourceConnectionInformation: it
// consumes and discards the body, so the only way to see the transient token or the Device/Connection data through
// the real SDK is the HTTPClient "response" hook (res.clone()).

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
    const exchange = {
      method: req.method,
      path: new URL(req.url).pathname,
      url: maskUrl(req.url),
      status: res.status,
      headers: Object.fromEntries(res.headers.entries()),
    };
    try {
      exchange.body = await res.clone().text();
    } catch (e) {
      exchange.bodyError = String(e).slice(0, 200);
    }
    exchanges.push(exchange);
  });
  const options = { serverURL: BASE_URL, httpClient, timeoutMs: TIMEOUT_MS };
  if (accessToken !== undefined) options.accessToken = accessToken;
  const sdk = new PlexAPI(options);
  return { auth: sdk.authentication, plex: sdk.plex, server: sdk.server, exchanges };
}

const pmsCall = () => ({ timeoutMs: TIMEOUT_MS });
const plexTvCall = () => ({ serverURL: PLEX_TV_URL, timeoutMs: TIMEOUT_MS });

// ---------------------------------------------------------------------------------------------------------------
// Reporting: what plexjs returned or threw, and what crossed the wire

/** The wire: every exchange, and the body of the last one parsed. */
function wireDetail(exchanges) {
  const last = exchanges.length ? exchanges[exchanges.length - 1] : undefined;
  return {
    http: exchanges,
    body: last && last.body !== undefined ? parseBody(last.body, last.headers["content-type"] ?? "") : undefined,
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
  const errs = Array.isArray(err?.errors) ? err.errors : undefined;
  return {
    outcome: "threw",
    errorClass: err?.constructor?.name ?? typeof err,
    errorName: err?.name,
    // What plexjs exposes: the typed errors carry rawResponse, SDKError carries statusCode.
    statusCode: typeof err?.statusCode === "number" ? err.statusCode
      : typeof err?.rawResponse?.status === "number" ? err.rawResponse.status
      : undefined,
    errorCode: errs?.[0]?.code,
    errors: errs?.map((e) => ({ code: e?.code, message: e?.message, status: e?.status })),
    message: String(err?.message ?? err).slice(0, 200),
    cause: err?.cause !== undefined ? String(err.cause).slice(0, 200) : undefined,
    // SDKValidationError: the zod issues (which field of the response or the input failed, and why)
    validationIssues: Array.isArray(err?.cause?.issues)
      ? err.cause.issues.slice(0, 20).map((i) => ({ path: (i.path ?? []).join("."), code: i.code, message: i.message }))
      : undefined,
    contentType: err?.contentType,
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

/** The account fields plexjs parsed, as it exposes them. */
function accountFacts(account) {
  if (!account) return {};
  return {
    username: account.username,
    email: account.email,
    id: account.id,
    uuid: account.uuid,
    twoFactorEnabled: account.twoFactorEnabled,
    authToken: account.authToken, // stdout only: the Java test needs it
  };
}

const cases = [];
const state = {}; // tokens carried between cases (facts, not verdicts)

async function runCase(name, call, fn) {
  const started = Date.now();
  let detail;
  try {
    detail = await fn();
  } catch (e) {
    // A bug or an unexpected shape inside the case itself: report it and keep going.
    detail = { outcome: "harness-error", message: String(e?.stack ?? e).slice(0, 500) };
  }
  detail.elapsedMs = Date.now() - started;
  cases.push({ name, call, detail });
  process.stderr.write(`conformance: ran ${name} (${detail.errorClass ?? detail.outcome}` +
    `${detail.statusCode !== undefined ? " " + detail.statusCode : ""}` +
    `${detail.errorCode !== undefined ? " code " + detail.errorCode : ""})\n`);
}

function skipped(reason) {
  return { outcome: "skipped", reason };
}

// ---------------------------------------------------------------------------------------------------------------
// Calls

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

async function signIn(clientID, login, password, verificationCode) {
  const { auth, exchanges } = makeClient();
  const { res, detail } = await invoke(exchanges, () =>
    auth.postUsersSignInData(signinRequest(clientID, login, password, verificationCode), plexTvCall()));
  detail.verificationCodeSent = verificationCode !== undefined;
  Object.assign(detail, accountFacts(res?.userPlexAccount));
  return detail;
}

async function transientToken(accessToken, rewriteQuery) {
  const { auth, exchanges } = makeClient({ accessToken, rewriteQuery });
  const { detail } = await invoke(exchanges, () =>
    auth.getTransientToken(GetTransientTokenQueryParamType.Delegation, Scope.All, pmsCall()));
  // plexjs discards the body; the token is read from the captured one.
  detail.token = detail.body?.MediaContainer?.token;
  return detail;
}

async function sourceInfo(accessToken, source, rewriteQuery) {
  const { auth, exchanges } = makeClient({ accessToken, rewriteQuery });
  const { detail } = await invoke(exchanges, () => auth.getSourceConnectionInformation(source, pmsCall()));
  return detail;
}

async function tokenDetails(accessToken) {
  const { auth, exchanges } = makeClient(accessToken === undefined ? {} : { accessToken });
  const { res, detail } = await invoke(exchanges, () => auth.getTokenDetails(plexTvCall()));
  Object.assign(detail, accountFacts(res?.userPlexAccount));
  return detail;
}

/** What plexjs parsed of each resource (zod has checked every field by then). */
function resourceFacts(devices) {
  if (!Array.isArray(devices)) return undefined;
  return devices.map((d) => ({
    name: d.name,
    clientIdentifier: d.clientIdentifier,
    owned: d.owned,
    ownerId: d.ownerId,
    sourceTitle: d.sourceTitle,
    provides: d.provides,
    createdAt: d.createdAt instanceof Date ? d.createdAt.toISOString() : String(d.createdAt),
    accessToken: d.accessToken, // stdout only: the Java test needs it
    uris: d.connections.map((c) => c.uri),
    ipv6: d.connections.map((c) => c.iPv6),
  }));
}

async function serverResources(accessToken, clientID, flags) {
  const { plex, exchanges } = makeClient({ accessToken });
  const { res, detail } = await invoke(exchanges, () =>
    plex.getServerResources(clientID, ...(flags ?? [undefined, undefined, undefined]), plexTvCall()));
  detail.resources = resourceFacts(res?.plexDevices);
  return detail;
}

async function serverIdentity() {
  const { server, exchanges } = makeClient();
  const { res, detail } = await invoke(exchanges, () => server.getServerIdentity(pmsCall()));
  detail.mediaContainer = res?.object?.mediaContainer;
  return detail;
}

async function serverCapabilities(accessToken) {
  const { server, exchanges } = makeClient({ accessToken });
  const { res, detail } = await invoke(exchanges, () => server.getServerCapabilities(pmsCall()));
  const c = res?.object?.mediaContainer;
  detail.mediaContainer = c === undefined ? undefined : {
    machineIdentifier: c.machineIdentifier,
    friendlyName: c.friendlyName,
    version: c.version,
    myPlex: c.myPlex,
    myPlexUsername: c.myPlexUsername,
    ownerFeatures: c.ownerFeatures,
    transcoderActiveVideoSessions: c.transcoderActiveVideoSessions,
    platform: c.platform,
  };
  return detail;
}

/** The pin fields plexjs parsed, as it exposes them (dates as ISO strings). */
function pinFacts(pin) {
  if (!pin) return {};
  return {
    id: pin.id,
    code: pin.code, // stdout only: the Java test needs it
    product: pin.product,
    trusted: pin.trusted,
    qr: pin.qr,
    clientIdentifier: pin.clientIdentifier,
    locationCode: pin.location?.code,
    expiresIn: pin.expiresIn,
    createdAt: pin.createdAt instanceof Date ? pin.createdAt.toISOString() : String(pin.createdAt),
    expiresAt: pin.expiresAt instanceof Date ? pin.expiresAt.toISOString() : String(pin.expiresAt),
    authToken: pin.authToken ?? null, // stdout only
  };
}

const PIN_HEADERS = { clientName: "plexauth conformance", deviceNickname: "node", clientVersion: "1.0", platform: "Node" };

async function getPin(clientID, strong) {
  const { plex, exchanges } = makeClient();
  const request = { clientID, ...PIN_HEADERS };
  if (strong !== undefined) request.strong = strong;
  const { res, detail } = await invoke(exchanges, () => plex.getPin(request, plexTvCall()));
  Object.assign(detail, pinFacts(res?.authPinContainer));
  return detail;
}

async function getTokenByPinId(pinID, clientID) {
  const { plex, exchanges } = makeClient();
  const { res, detail } = await invoke(exchanges, () =>
    plex.getTokenByPinId({ pinID, clientID, ...PIN_HEADERS }, plexTvCall()));
  Object.assign(detail, pinFacts(res?.authPinContainer));
  return detail;
}

/**
 * Approves a code as the person would, with PUT /api/v2/pins/link: plexjs 0.32.1 has no such call, so this is a
 * plain fetch, reported like the others.
 */
async function linkPin(token, code) {
  const exchanges = [];
  const url = `${PLEX_TV_URL}/pins/link`;
  try {
    const res = await fetch(url, {
      method: "PUT",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-Plex-Token": token },
      body: new URLSearchParams({ code }).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    exchanges.push({ method: "PUT", path: new URL(url).pathname, url: maskUrl(url), status: res.status,
      headers: Object.fromEntries(res.headers.entries()), body: await res.text() });
    return { outcome: "resolved", statusCode: res.status, ...wireDetail(exchanges) };
  } catch (e) {
    return { outcome: "harness-error", message: String(e).slice(0, 200), ...wireDetail(exchanges) };
  }
}

const tokenOf = (detail) => (typeof detail.authToken === "string" && detail.authToken !== "" ? detail.authToken : undefined);

// ---------------------------------------------------------------------------------------------------------------
// The cases, in order (later cases use tokens from earlier ones).

async function main() {
  const started = Date.now();

  // a. admin sign-in
  await runCase("signin_admin", "postUsersSignInData(admin)", async () => {
    const d = await signIn("conformance-admin", env.ADMIN_LOGIN, env.ADMIN_PASSWORD);
    state.admin = tokenOf(d);
    return d;
  });

  // b. non-admin sign-in
  await runCase("signin_user", "postUsersSignInData(user)", async () => {
    const d = await signIn("conformance-user", env.USER_LOGIN, env.USER_PASSWORD);
    state.user = tokenOf(d);
    return d;
  });

  // c. 2FA account, no verificationCode
  await runCase("signin_totp_missing_code", "postUsersSignInData(2FA user, no code)", () =>
    signIn("conformance-totp", env.TOTP_LOGIN, env.TOTP_PASSWORD, undefined));

  // d. 2FA account, a code that is wrong now
  await runCase("signin_totp_wrong_code", "postUsersSignInData(2FA user, wrong code)", () =>
    signIn("conformance-totp", env.TOTP_LOGIN, env.TOTP_PASSWORD, env.TOTP_WRONG_CODE));

  // e. 2FA account, the current code (used exactly once: the server refuses replays)
  await runCase("signin_totp", "postUsersSignInData(2FA user, current code)", () =>
    signIn("conformance-totp", env.TOTP_LOGIN, env.TOTP_PASSWORD, env.TOTP_CODE));

  // f. wrong password (on the non-admin account, so the owner's failure counter stays untouched)
  await runCase("signin_bad_password", "postUsersSignInData(user, wrong password)", () =>
    signIn("conformance-user", env.USER_LOGIN, `${env.USER_PASSWORD}-wrong`, undefined));

  // g. empty client identifier. plexjs validates clientID with z.string() (required, but "" passes) and sends the
  //    header with an empty value. Valid credentials are sent so the client identifier is the only fault.
  await runCase("signin_missing_client_id", "postUsersSignInData(clientID \"\")", () =>
    signIn("", env.ADMIN_LOGIN, env.ADMIN_PASSWORD, undefined));

  // h. token details with the admin token
  await runCase("token_details_admin", "getTokenDetails(admin token)", async () =>
    state.admin ? tokenDetails(state.admin) : skipped("no admin token from signin_admin"));

  // i. token details with a bogus token
  await runCase("token_details_bad_token", "getTokenDetails(bogus token)", () => tokenDetails(BAD_TOKEN));

  // j. transient token from the admin token
  await runCase("transient_token", "getTransientToken(delegation, all) with the admin token", async () => {
    if (!state.admin) return skipped("no admin token from signin_admin");
    const d = await transientToken(state.admin);
    state.transient = typeof d.token === "string" ? d.token : undefined;
    return d;
  });

  // k. transient token minted from a transient token
  await runCase("transient_from_transient", "getTransientToken(delegation, all) with the token of j", async () =>
    state.transient ? transientToken(state.transient) : skipped("no transient token from transient_token"));

  // l. transient token with a bogus token
  await runCase("transient_bad_token", "getTransientToken(delegation, all) with a bogus token", () =>
    transientToken(BAD_TOKEN));

  // m. wrong `type`. plexjs validates its closed enums before sending anything (an invalid value is an
  //    SDKValidationError and no request), so the server's 400 can only be reached through the real SDK by calling
  //    it with the valid enums and rewriting the outgoing URL in the HTTPClient "beforeRequest" hook
  //    (type=delegation -> type=bogus). The response still goes through plexjs' own matchers, so the error class
  //    is exactly what a plexjs user would get from such a 400.
  await runCase("transient_bad_type", "getTransientToken with the query rewritten to type=bogus", async () =>
    state.admin
      ? transientToken(state.admin, (url) => url.searchParams.set("type", "bogus"))
      : skipped("no admin token from signin_admin"));

  // n. source connection information with the admin token
  await runCase("source_info_admin", "getSourceConnectionInformation(SOURCE) with the admin token", async () =>
    state.admin ? sourceInfo(state.admin, env.SOURCE) : skipped("no admin token from signin_admin"));

  // o. same with the transient token made from the admin token
  await runCase("source_info_transient_admin", "getSourceConnectionInformation(SOURCE) with the token of j",
    async () => state.transient ? sourceInfo(state.transient, env.SOURCE)
      : skipped("no transient token from transient_token"));

  // p. non-admin token (403 has no typed error in plexjs 0.32.1)
  await runCase("source_info_non_admin", "getSourceConnectionInformation(SOURCE) with the user token", async () =>
    state.user ? sourceInfo(state.user, env.SOURCE) : skipped("no user token from signin_user"));

  // q. unknown source
  await runCase("source_info_unknown", `getSourceConnectionInformation(${UNKNOWN_SOURCE})`, async () =>
    state.admin ? sourceInfo(state.admin, UNKNOWN_SOURCE) : skipped("no admin token from signin_admin"));

  // r. bogus token
  await runCase("source_info_bad_token", "getSourceConnectionInformation(SOURCE) with a bogus token", () =>
    sourceInfo(BAD_TOKEN, env.SOURCE));

  // s. no `source` parameter. plexjs requires the argument (a string; it always sends `source=`), so, as in m,
  //    the HTTPClient "beforeRequest" hook removes the parameter from the outgoing URL.
  await runCase("source_info_missing_source", "getSourceConnectionInformation with source removed from the query",
    async () => state.admin
      ? sourceInfo(state.admin, env.SOURCE, (url) => url.searchParams.delete("source"))
      : skipped("no admin token from signin_admin"));

  // t. token details without any token (plexjs then sends no X-Plex-Token and no Authorization header)
  await runCase("token_details_missing_token", "getTokenDetails() with no accessToken", () =>
    tokenDetails(undefined));

  // --- The calls around sign-in: resources (plex.tv), identity and capabilities (PMS).

  // u. the admin's resources with every kind of connection
  await runCase("resources_admin", "plex.getServerResources(Enable, Enable, Enable) with the admin token",
    async () => {
      if (!state.admin) return skipped("no admin token from signin_admin");
      const d = await serverResources(state.admin, "conformance-admin",
        [IncludeHttps.Enable, IncludeRelay.Enable, IncludeIPv6.Enable]);
      state.pmsAccess = d.resources?.find((r) => r.clientIdentifier === env.PMS_RESOURCE)?.accessToken;
      return d;
    });

  // v. the user's resources with plexjs's defaults (every include flag 0)
  await runCase("resources_user", "plex.getServerResources() with the user token", async () =>
    state.user ? serverResources(state.user, "conformance-user") : skipped("no user token from signin_user"));

  // w. a bogus token
  await runCase("resources_bad_token", "plex.getServerResources() with a bogus token", () =>
    serverResources(BAD_TOKEN, "conformance-admin"));

  // x. an empty client identifier (plexjs sends the header empty)
  await runCase("resources_missing_client_id", "plex.getServerResources(clientID \"\")", async () =>
    state.admin ? serverResources(state.admin, "") : skipped("no admin token from signin_admin"));

  // y. the server's identity, without a token (plexjs sends none)
  await runCase("server_identity", "server.getServerIdentity()", () => serverIdentity());

  // z. the server's capabilities with the admin token
  await runCase("server_capabilities_admin", "server.getServerCapabilities() with the admin token", async () =>
    state.admin ? serverCapabilities(state.admin) : skipped("no admin token from signin_admin"));

  // aa. the same with the accessToken plex.tv handed out for the resource that is this server (case u)
  await runCase("server_capabilities_resource_token",
    "server.getServerCapabilities() with the accessToken of PMS_RESOURCE from u", async () =>
      state.pmsAccess ? serverCapabilities(state.pmsAccess)
        : skipped("no accessToken for PMS_RESOURCE from resources_admin"));

  // ab. a bogus token
  await runCase("server_capabilities_bad_token", "server.getServerCapabilities() with a bogus token", () =>
    serverCapabilities(BAD_TOKEN));

  // --- PIN sign-in: getPin and getTokenByPinId, the approval in between.

  // ac. a pin with a 4-character code (strong omitted: plexjs sends strong=false)
  await runCase("pin_short", "getPin(clientID conformance-pin)", async () => {
    const d = await getPin("conformance-pin", undefined);
    state.shortPin = d.outcome === "resolved" ? { id: d.id, code: d.code } : undefined;
    return d;
  });

  // ad. a strong pin
  await runCase("pin_strong", "getPin(strong, clientID conformance-pin-strong)", async () => {
    const d = await getPin("conformance-pin-strong", true);
    state.strongPin = d.outcome === "resolved" ? { id: d.id, code: d.code } : undefined;
    return d;
  });

  // ae. the short pin, before anyone approved it
  await runCase("pin_poll_pending", "getTokenByPinId(pin of ac)", async () =>
    state.shortPin ? getTokenByPinId(state.shortPin.id, "conformance-pin") : skipped("no pin from pin_short"));

  // af. the person approves the short pin's code with the user's token (a plain fetch: plexjs has no such call)
  await runCase("pin_link", "PUT /api/v2/pins/link(code of ac) with the user token (fetch)", async () =>
    state.shortPin && state.user ? linkPin(state.user, state.shortPin.code)
      : skipped("no pin from pin_short or no user token from signin_user"));

  // ag. the poll after the approval: the token
  await runCase("pin_poll_approved", "getTokenByPinId(pin of ac) after af", async () =>
    state.shortPin ? getTokenByPinId(state.shortPin.id, "conformance-pin") : skipped("no pin from pin_short"));

  // ah. the same poll again
  await runCase("pin_poll_again", "getTokenByPinId(pin of ac) after ag", async () =>
    state.shortPin ? getTokenByPinId(state.shortPin.id, "conformance-pin") : skipped("no pin from pin_short"));

  // ai. the strong pin, polled by another client identifier
  await runCase("pin_poll_other_client", "getTokenByPinId(pin of ad) as clientID someone-else", async () =>
    state.strongPin ? getTokenByPinId(state.strongPin.id, "someone-else") : skipped("no pin from pin_strong"));

  // aj. a pin id nobody made (plexauth's ids are random below 2^53, so 1 is practically never one)
  await runCase("pin_poll_unknown", "getTokenByPinId(1)", () => getTokenByPinId(1, "conformance-pin"));

  // ak. getPin with an empty client identifier (plexjs sends the empty header)
  await runCase("pin_missing_client_id", "getPin(clientID \"\")", () => getPin("", undefined));

  // al. getTokenByPinId with an empty client identifier
  await runCase("pin_poll_missing_client_id", "getTokenByPinId(pin of ad, clientID \"\")", async () =>
    state.strongPin ? getTokenByPinId(state.strongPin.id, "") : skipped("no pin from pin_strong"));

  const result = {
    harness: {
      plexjs: PLEXJS_VERSION,
      zod: ZOD_VERSION,
      node: process.version,
      baseURL: BASE_URL,
      plexTvURL: PLEX_TV_URL,
      timeoutMs: TIMEOUT_MS,
      elapsedMs: Date.now() - started,
      total: cases.length,
    },
    cases,
  };
  process.stderr.write(`conformance: ran ${result.harness.total} cases\n`);
  // Exit only once the document is flushed (stdout may be a pipe read by the Java test).
  await new Promise((resolve) => process.stdout.write(JSON.stringify(result) + "\n", resolve));
}

main().then(
  () => process.exit(0),
  (e) => harnessFailure(String(e?.stack ?? e)),
);
