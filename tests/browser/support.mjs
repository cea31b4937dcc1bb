// What the browser tests share: the binary and the browser to use, a lifeline started on a
// fresh data folder, and a watch on everything the browser blocked or failed to load.
//
// Environment:
//   LIFELINE_BIN  the lifeline binary (default: ../../build/src/cli/lifeline from this file)
//   CHROMIUM_BIN  the browser (default: /usr/bin/chromium, Debian's package; nothing is downloaded)

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const LIFELINE_BIN = path.resolve(process.env.LIFELINE_BIN || path.join(HERE, '../../build/src/cli/lifeline'));
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// The machine has no internet: every kind of background traffic stays off.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const TEST_TIMEOUT_MS = 60_000;
const STARTUP_TIMEOUT_MS = 20_000;
export const RECEIPT_RE = /^\d{3} \d{3}-\d{2}-\d{2}, \d{6}$/;
const LISTEN_RE = /^lifeline listening on (http:\/\/127\.0\.0\.1:(\d+)) \(role all\)$/;

export const PASSPHRASE = 'synthetic office passphrase';
export const ADMIN = 'admin';
export const ADMIN_PASSWORD = 'synthetic-admin-pw';

// Starts `lifeline serve`; returns the process at once (so it can always be stopped) and a
// promise of its base URL, read from the line it prints once it listens.
export function startServer(dataDir, passphraseFile, log) {
  const proc = spawn(
    LIFELINE_BIN,
    ['serve', '--data', dataDir, '--listen', '127.0.0.1:0', '--passphrase-file', passphraseFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const ready = new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn(value);
    };
    const timer = setTimeout(() => {
      settle(reject, new Error(`lifeline serve did not report its address within ${STARTUP_TIMEOUT_MS} ms\n${log.join('\n')}`));
    }, STARTUP_TIMEOUT_MS);
    proc.on('error', (err) => settle(reject, err));
    proc.on('exit', (code, signal) => {
      settle(reject, new Error(`lifeline serve exited early (code ${code}, signal ${signal})\n${log.join('\n')}`));
    });
    // Keep reading both streams for the whole run so the server never blocks on a full pipe.
    createInterface({ input: proc.stderr }).on('line', (line) => log.push(`[stderr] ${line}`));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      log.push(`[stdout] ${line}`);
      const m = LISTEN_RE.exec(line.trim());
      if (m) settle(resolve, m[1]);
    });
  });
  return { proc, ready };
}

// SIGTERM, then SIGKILL if it has not exited after a grace period.
async function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise((resolve) => setTimeout(() => resolve(true), 10_000).unref()),
  ]);
  if (timedOut) {
    proc.kill('SIGKILL');
    await exited;
  }
}

// Initialises a data folder in a new temporary directory with the admin and `users`
// ([{name, role, password}]), starts lifeline on it, and returns {dir, server, baseUrl};
// tearDown stops the server and removes the folder.
export async function startFreshLifeline(users, log) {
  await access(LIFELINE_BIN, fsConstants.X_OK).catch(() => {
    throw new Error(`lifeline binary not found or not executable: ${LIFELINE_BIN} (set LIFELINE_BIN)`);
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'lifeline-browser-'));
  const dataDir = path.join(dir, 'data');
  const passphraseFile = path.join(dir, 'passphrase');
  const adminPasswordFile = path.join(dir, 'admin-password');
  await writeFile(passphraseFile, PASSPHRASE, { mode: 0o600 });
  await writeFile(adminPasswordFile, ADMIN_PASSWORD, { mode: 0o600 });
  await execFileP(LIFELINE_BIN, [
    'init', '--data', dataDir, '--passphrase-file', passphraseFile,
    '--admin', ADMIN, '--admin-password-file', adminPasswordFile,
  ]);
  for (const user of users) {
    const passwordFile = path.join(dir, `password-${user.name}`);
    await writeFile(passwordFile, user.password, { mode: 0o600 });
    await execFileP(LIFELINE_BIN, [
      'user', 'add', '--data', dataDir, '--passphrase-file', passphraseFile,
      '--name', user.name, '--role', user.role, '--password-file', passwordFile,
    ]);
  }
  const server = startServer(dataDir, passphraseFile, log);
  return { dir, server, baseUrl: await server.ready };
}

// Records in `problems` what the browser blocked or could not load: Content-Security-Policy
// violations (reported as console errors, and as requests failed with "csp"), script errors,
// failed requests (but an event stream cancelled by leaving its page), and sub-resources
// answered with an error. A page's own HTTP status (e.g.
// 404 for an unknown receipt) and Chromium's own /favicon.ico probe are not problems.
export function watchPage(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    if (/^Failed to load resource: the server responded with a status of \d+/.test(msg.text())) return;
    problems.push(`console ${msg.type()} on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Leaving a page cancels its open event stream (the live wallboard): not a failure.
    if (req.resourceType() === 'eventsource' && req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    const req = res.request();
    if (req.resourceType() === 'document' || new URL(req.url()).pathname === '/favicon.ico') return;
    if (res.status() >= 400) problems.push(`sub-resource ${req.url()} answered ${res.status()}`);
  });
}

// Does `action` (a click or key press that submits or follows a link) and waits for the page
// it leads to to finish loading. waitForLoadState('load') would not do: it returns at once
// while the page being left is still loaded, and the next step would then cancel the new
// page's scripts mid-load.
export async function actAndLoad(page, action) {
  await Promise.all([page.waitForEvent('load'), action()]);
}

// Closes the browser, stops the server and removes the folder; each step runs even if an
// earlier one throws.
export async function tearDown(browser, server, dir) {
  try {
    await browser?.close();
  } catch (err) {
    console.error('closing the browser:', err);
  }
  try {
    await stopServer(server?.proc);
  } catch (err) {
    console.error('stopping the server:', err);
  }
  if (dir) await rm(dir, { recursive: true, force: true });
}
