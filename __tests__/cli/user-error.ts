// Test helper: run `fn`, which must throw a UserError, and return it.
import { UserError } from "../../src/core/errors.js";

export function userError(fn: () => unknown): UserError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error("expected a UserError, but nothing was thrown");
  if (!(thrown instanceof UserError)) throw thrown;
  return thrown;
}

/** The same for an async `fn`: it must reject with a UserError. */
export async function userErrorAsync(fn: () => Promise<unknown>): Promise<UserError> {
  let thrown: unknown;
  try {
    await fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error("expected a UserError, but nothing was thrown");
  if (!(thrown instanceof UserError)) throw thrown;
  return thrown;
}
