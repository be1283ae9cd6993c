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

// Every pattern here is linear in the text: the text is server-supplied and may be a megabyte of `http://` or
// spaces. No pattern has two adjacent unbounded parts that can match the same characters, and URL queries are
// found by a scan rather than a regex.

// `Key=value`, `Key%3Dvalue`, `Key%253Dvalue` (a string-to-sign inside a URL), in any case of hex digits.
// A value ends at `&`, its encodings, whitespace, a quote, a comma or a closing bracket.
const VALUE_END = String.raw`(?:&|%26|%2526|[\s"',;)\]}<>]|$)`;
const keyValuePatterns = SIGNING_KEYS.map((key) => ({
  key,
  // Lazy, but each step is one lookahead and every attempt that starts ends at the next terminator: linear.
  pattern: new RegExp(String.raw`(${key})(=|%3D|%253D)(.*?)(?=${VALUE_END})`, 'gi'),
  // `"Key":"value"` and `'Key': 'value'` (JSON, JS, Python reprs).
  quoted: new RegExp(String.raw`(["']${key}["'][ \t]{0,16}:[ \t]{0,16}["'])([^"']*)`, 'gi'),
  // `<Key>value</Key>` (XML error bodies and SDK dumps).
  xml: new RegExp(String.raw`(<${key}>)([^<]*)`, 'gi'),
  // `Key: value` (YAML, log lines, CLI output).
  colon: new RegExp(String.raw`(\b${key}\b[ \t]{0,16}:[ \t]{0,16})([^\s"',;)\]}<>&]+)`, 'gi'),
}));

/** Any signing key's name, in any case: AccessKeySecret and AccessKeyId share a stem, Signature its nonce. */
const SIGNING_KEY_NAME = /accesskey|securitytoken|signature/i;

const SIGNING_KEY_IN_QUERY = new RegExp(`(?:^|&|%26)(?:${SIGNING_KEYS.join('|')})(?:=|%3D|%253D)`, 'i');

/** Literal secrets as they may appear: raw, URL-encoded once or twice, with upper- or lowercase hex. */
function secretForms(secret: string): Set<string> {
  const once = encodeURIComponent(secret);
  const twice = encodeURIComponent(once);
  const lower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  return new Set([secret, once, twice, lower(once), lower(twice)]);
}

/** Replaces every literal occurrence of the given secrets; linear (split/join), safe on any length. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary words; the validators reject them long before this point.
    if (!secret || secret.length < 4) {
      continue;
    }
    for (const form of secretForms(secret)) {
      out = out.split(form).join(HIDDEN);
    }
  }
  return out;
}

/**
 * Removes signing material from text: values of Signature, SignatureNonce, SecurityToken and AccessKeySecret
 * parameters (plain, percent-encoded, quoted, XML or `key: value`), masks AccessKeyId values, drops URL query
 * strings that carry signing parameters, and replaces every literal occurrence of the given secrets (and their
 * URL encodings).
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  const scrubbed = scrubSecrets(text, secrets);
  // Every rule below needs a signing key's name in the text. Most texts (names, ids, messages) have none, and
  // this one test spares them the twenty-odd passes: a 5,000-record history loads in milliseconds, not seconds.
  if (!SIGNING_KEY_NAME.test(scrubbed)) return scrubbed;
  let out = redactSigningQueries(scrubbed);
  for (const { key, pattern, quoted, xml, colon } of keyValuePatterns) {
    const masked = MASKED_KEYS.includes(key);
    const hide = (value: string) => (masked ? maskAccessKeyId(safeDecode(value)) : HIDDEN);
    out = out.replace(pattern, (_whole, name: string, eq: string, value: string) => `${name}${eq}${hide(value)}`);
    for (const form of [quoted, xml, colon]) {
      out = out.replace(form, (_whole, head: string, value: string) => `${head}${value === '' ? '' : hide(value)}`);
    }
  }
  return out;
}

// A URL query that carries any signing parameter is dropped entirely: safer than trusting the per-key rules
// with encodings nobody anticipated. Other URLs (Alibaba's Recommend links) keep their query.
const URL_WORD = /[^\s"'<>]+/g;
const URL_START = /https?:\/\//gi;

/**
 * In each run of non-space, non-quote characters: the first `http(s)://` whose host/path part (no `?` or `#`)
 * ends at a `?`; its query runs to the end of the run. One pass over the text (the regex form of this rule,
 * `https?:\/\/[^?#…]*\?…`, rescans the rest of the text from every `http://` and took seconds on 160 KB).
 */
function redactSigningQueries(text: string): string {
  return text.replace(URL_WORD, redactWord);
}

function redactWord(word: string): string {
  if (!word.includes('?')) return word;
  URL_START.lastIndex = 0;
  for (let match = URL_START.exec(word); match; match = URL_START.exec(word)) {
    const from = match.index + match[0].length;
    let stop = from;
    while (stop < word.length && word[stop] !== '?' && word[stop] !== '#') stop++;
    if (stop >= word.length) return word;
    if (word[stop] === '?') {
      const query = word.slice(stop + 1);
      return SIGNING_KEY_IN_QUERY.test(query) ? `${word.slice(0, stop)}?${HIDDEN}` : word;
    }
    // A `#` first: every later start before it would stop there too.
    URL_START.lastIndex = stop + 1;
  }
  return word;
}

// ---------------------------------------------------------------------------------------------------------------
// Server-supplied text (Code, Message, RequestId, HostId, Recommend, names in lists)

/** A message longer than this is cut: a few KB say everything a person reads, and no regex sees more. */
export const MAX_SERVER_TEXT = 4096;
/** For identifiers (Code, RequestId, HostId): real ones are well under 100 characters. */
export const MAX_SERVER_ID = 256;

export function capText(text: string, max = MAX_SERVER_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…(truncated)` : text;
}

// C0 and C1 controls (newline, carriage return, escape…) and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line: a server must not be able to start a forged log line, or move the cursor of a terminal. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKING, ' ');
}

const PLAIN_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Server text fit for a message, a log line or a record. Literal secrets go first, on the whole text, so the cut
 * cannot split one into an unrecognizable half; then the cut, so no regex ever sees more than `max` characters;
 * then one line, then the signing-material rules.
 */
export function cleanServerText(text: string, secrets: readonly (string | undefined)[] = [], max = MAX_SERVER_TEXT): string {
  const scrubbed = scrubSecrets(text, secrets);
  // The common case (a RequestId, a Code) costs one short test.
  if (PLAIN_ID.test(scrubbed) && scrubbed.length <= max) return scrubbed;
  return redactText(oneLine(capText(scrubbed, max)));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(decodeURIComponent(value));
  } catch {
    return value;
  }
}
