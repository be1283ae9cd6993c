// Keeping secrets out of everything people can read: messages, errors, logs, records.
//
// Alibaba Cloud puts signing material in three places a message can pick up: the request URL (pop-core appends it
// to its error messages; for GET it carries every parameter), the "string to sign" that SignatureDoesNotMatch
// echoes back percent-encoded, and whatever a caller interpolates. redactText handles all three.

/** Parameter names whose values must never be shown. AccessKeyId is masked rather than hidden. */
const HIDDEN_KEYS = ['AccessKeySecret', 'SecurityToken', 'Signature', 'SignatureNonce'];
const MASKED_KEYS = ['AccessKeyId'];
const SIGNING_KEYS = [...HIDDEN_KEYS, ...MASKED_KEYS];

const HIDDEN = '***';

/**
 * `LTAI5tAbCdEfGh12abcd` → `LTAI****abcd`. Short or odd values give away nothing but their tail.
 * STS ids keep their `STS.` prefix, which tells people the key is temporary.
 */
export function maskAccessKeyId(accessKeyId: string | undefined): string {
  if (!accessKeyId) {
    return '';
  }
  if (accessKeyId.length <= 8) {
    return '****';
  }
  return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
}

// `Key=value`, `Key%3Dvalue`, `Key%253Dvalue` (a string-to-sign inside a URL) and `"Key":"value"`.
// A value ends at `&`, its encodings, whitespace, a quote, a comma or a closing bracket.
const VALUE_END = String.raw`(?:&|%26|%2526|[\s"',;)\]}<>]|$)`;
const keyValuePatterns = SIGNING_KEYS.map((key) => ({
  key,
  pattern: new RegExp(String.raw`(${key})(=|%3D|%253D)(.*?)(?=${VALUE_END})`, 'gi'),
  json: new RegExp(String.raw`("${key}"\s*:\s*")([^"]*)(")`, 'gi'),
}));

// A URL query that carries any signing parameter is dropped entirely: safer than trusting the per-key rules
// with encodings nobody anticipated. Other URLs (Alibaba's Recommend links) keep their query.
const URL_WITH_QUERY = /(https?:\/\/[^\s?#"'<>]*)\?([^\s"'<>]*)/gi;
const SIGNING_KEY_IN_QUERY = new RegExp(`(?:^|&|%26)(?:${SIGNING_KEYS.join('|')})(?:=|%3D)`, 'i');

/**
 * Removes signing material from text: values of Signature, SignatureNonce, SecurityToken and AccessKeySecret
 * parameters (plain, percent-encoded or JSON), masks AccessKeyId values, drops URL query strings that carry
 * signing parameters, and replaces every literal occurrence of the given secrets (and their URL encodings).
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary words; the validators reject them long before this point.
    if (!secret || secret.length < 4) {
      continue;
    }
    for (const form of new Set([secret, encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))])) {
      out = out.split(form).join(HIDDEN);
    }
  }
  out = out.replace(URL_WITH_QUERY, (whole, base: string, query: string) =>
    SIGNING_KEY_IN_QUERY.test(query) ? `${base}?${HIDDEN}` : whole,
  );
  for (const { key, pattern, json } of keyValuePatterns) {
    const masked = MASKED_KEYS.includes(key);
    out = out.replace(pattern, (_whole, name: string, eq: string, value: string) =>
      `${name}${eq}${masked ? maskAccessKeyId(safeDecode(value)) : HIDDEN}`,
    );
    out = out.replace(json, (_whole, head: string, value: string, tail: string) =>
      `${head}${masked ? maskAccessKeyId(value) : HIDDEN}${tail}`,
    );
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(decodeURIComponent(value));
  } catch {
    return value;
  }
}
