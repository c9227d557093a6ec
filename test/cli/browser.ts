/**
 * @fileoverview Opens one page in headless Chromium through playwright-core with a system
 * browser (never a downloaded one) and a fresh profile, and records console errors, page
 * errors and every request that leaves the page's own file URL, which is blocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export interface BrowserSession {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  close(): Promise<void>;
}

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function openPage(executablePath: string, url: string): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), "kestrel-chromium-"));
  // Playwright takes the profile folder here, not as --user-data-dir.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", async (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load" });
  return {
    page,
    errors,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
