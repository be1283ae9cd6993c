// The one test for "a plain JSON-like object", shared by argument parsing, settings parsing and response parsing.

/** An object literal or a parsed JSON object (pop-core's have a null prototype); not an array or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
