import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

// `pnpm test` must leave the checkout clean, so screenshots land in test-results/screenshots/ (ignored by git).
// `pnpm screenshots` sets SWITCHYARD_SCREENSHOTS=1 and the same run retakes the README's docs/screenshots/.
const root = join(import.meta.dirname, '..', '..');
const intoDocs = process.env.SWITCHYARD_SCREENSHOTS === '1';
const dir = join(root, intoDocs ? 'docs/screenshots' : 'test-results/screenshots');

/** Takes a full-page screenshot (or of one element) and returns the file written. */
export async function shot(target: Page | Locator, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage: true });
  else await target.screenshot({ path });
  return path;
}
