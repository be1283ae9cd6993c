// Alibaba RequestIds are upper-case hex UUIDs (e.g. 4AEA0480-32F4-1656-92B3-F4D4CDE6BBB3); clients log and
// display them, so the emulator produces the same shape.
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_PATTERN = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}
