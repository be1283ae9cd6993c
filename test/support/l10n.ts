// vscode.l10n.t outside VS Code, for code that words its texts through it and is run by unit tests and the bench.
// VS Code's own implementation needs the extension host; this does what it does: look the message up in the
// loaded bundle (none: English), then fill in `{0}`-style or `{name}`-style placeholders.

export type Bundle = Record<string, string | { message: string; comment: string[] }>;

export function formatMessage(message: string, args: readonly unknown[]): string {
  const named = args.length === 1 && typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>) : undefined;
  return message.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
    const value = named ? named[key] : args[Number(key)];
    return value === undefined ? whole : String(value);
  });
}

let bundle: Bundle | undefined;

/** Answers from `next` from now on (undefined: English again), as VS Code does in another display language. */
export function useBundle(next: Bundle | undefined): void {
  bundle = next;
}

export function t(message: string, ...args: unknown[]): string {
  const entry = bundle?.[message];
  const translated = entry === undefined ? message : typeof entry === 'string' ? entry : entry.message;
  return formatMessage(translated, args);
}
