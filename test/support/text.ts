// Text helpers the suites share: matching log lines and notifications that contain URLs and RequestIds.

/** Alibaba RequestIds: upper-case hex UUIDs, as the emulator issues them. */
export const REQUEST_ID_SOURCE = '[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
