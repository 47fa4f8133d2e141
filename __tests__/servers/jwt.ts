// The runtime token: a JWT as the runner hands to actions (HS256-signed here,
// with a secret only the test results service knows).
import { createHmac, timingSafeEqual } from "node:crypto";

export type JwtClaims = Record<string, unknown>;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

export function signJwt(claims: JwtClaims, secret: string): string {
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The claims of a token signed with `secret` and valid now, or the reason it is not. */
export function verifyJwt(token: string, secret: string, now = Date.now()): { claims: JwtClaims } | { error: string } {
  const parts = token.split(".");
  if (parts.length !== 3) return { error: "the token is not a JWT" };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: "the token signature is invalid" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { error: "the token payload is not JSON" };
  }
  if (!claims || typeof claims !== "object") return { error: "the token payload is not an object" };
  const c = claims as JwtClaims;
  const seconds = now / 1000;
  if (typeof c.exp === "number" && seconds >= c.exp) return { error: "the token has expired" };
  if (typeof c.nbf === "number" && seconds < c.nbf - 60) return { error: "the token is not valid yet" };
  return { claims: c };
}
