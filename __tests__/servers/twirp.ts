// Twirp over JSON (the wire protocol of GitHub's results service): POST
// /twirp/<package>.<Service>/<Method>, protojson bodies, errors as
// {"code", "msg"} with the HTTP status the Twirp spec gives each code.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./http.js";

export const TWIRP_STATUS = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  dataloss: 500,
} as const;
export type TwirpCode = keyof typeof TWIRP_STATUS;

export class TwirpError extends Error {
  readonly code: TwirpCode;
  constructor(code: TwirpCode, msg: string) {
    super(msg);
    this.code = code;
  }
}

export type TwirpBody = Record<string, unknown>;
export type TwirpMethod<C> = (body: TwirpBody, context: C) => Promise<TwirpBody> | TwirpBody;

export interface TwirpService<C> {
  /** e.g. github.actions.results.api.v1.ArtifactService */
  name: string;
  methods: Record<string, TwirpMethod<C>>;
}

export interface TwirpCall {
  service: string;
  method: string;
  request: TwirpBody;
  status: number;
  response: TwirpBody;
}

function sendError(res: ServerResponse, error: TwirpError): number {
  const status = TWIRP_STATUS[error.code];
  sendJson(res, status, { code: error.code, msg: error.message });
  return status;
}

/**
 * Handles one request if its path is a Twirp route (returns false otherwise).
 * `authenticate` turns the request into the methods' context or throws a TwirpError.
 */
export async function handleTwirp<C>(
  req: IncomingMessage,
  res: ServerResponse,
  services: ReadonlyArray<TwirpService<C>>,
  authenticate: (req: IncomingMessage) => C,
  log: TwirpCall[],
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://twirp");
  const match = /^\/twirp\/([A-Za-z0-9_.]+)\/([A-Za-z0-9_]+)$/.exec(url.pathname);
  if (!match) return false;
  const [, serviceName, methodName] = match as unknown as [string, string, string];
  let request: TwirpBody = {};
  const record = (status: number, response: TwirpBody): void => {
    log.push({ service: serviceName, method: methodName, request, status, response });
  };
  try {
    if (req.method !== "POST") throw new TwirpError("bad_route", `unsupported method ${req.method} (only POST is allowed)`);
    const service = services.find((s) => s.name === serviceName);
    const method = service && Object.hasOwn(service.methods, methodName) ? service.methods[methodName] : undefined;
    if (!method) throw new TwirpError("bad_route", `no handler for path "${url.pathname}"`);
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (contentType !== "application/json") {
      throw new TwirpError("bad_route", `unexpected Content-Type: "${req.headers["content-type"] ?? ""}"`);
    }
    const context = authenticate(req);
    const raw = await readBody(req);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8") || "{}");
    } catch {
      throw new TwirpError("malformed", "the json request could not be decoded");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new TwirpError("malformed", "the json request is not an object");
    }
    request = parsed as TwirpBody;
    const response = await method(request, context);
    sendJson(res, 200, response);
    record(200, response);
  } catch (error) {
    if (!(error instanceof TwirpError)) throw error;
    const status = sendError(res, error);
    record(status, { code: error.code, msg: error.message });
  }
  return true;
}

// protojson accepts a field by its proto name or its lowerCamelCase JSON name.
function field(body: TwirpBody, protoName: string): unknown {
  if (Object.hasOwn(body, protoName)) return body[protoName];
  const camel = protoName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return body[camel];
}

export function optionalString(body: TwirpBody, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new TwirpError("malformed", `${name}: expected a string`);
  return value;
}

export function requiredString(body: TwirpBody, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined || value === "") throw new TwirpError("invalid_argument", `${name} is required`);
  return value;
}

/** An int64 (protojson: a decimal string, or a number). */
export function optionalInt64(body: TwirpBody, name: string): bigint | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  if ((typeof value === "string" && /^-?\d+$/.test(value)) || (typeof value === "number" && Number.isInteger(value))) {
    return BigInt(value);
  }
  throw new TwirpError("malformed", `${name}: expected an int64`);
}

export function optionalInt32(body: TwirpBody, name: string): number | undefined {
  const value = optionalInt64(body, name);
  if (value === undefined) return undefined;
  if (value > 2_147_483_647n || value < -2_147_483_648n) throw new TwirpError("malformed", `${name}: out of int32 range`);
  return Number(value);
}

export function stringList(body: TwirpBody, name: string): string[] {
  const value = field(body, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new TwirpError("malformed", `${name}: expected a list of strings`);
  }
  return value as string[];
}

/** A google.protobuf.Timestamp (protojson: an RFC 3339 string). */
export function optionalTimestamp(body: TwirpBody, name: string): Date | undefined {
  const value = optionalString(body, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw new TwirpError("malformed", `${name}: not an RFC 3339 timestamp`);
  }
  return date;
}
