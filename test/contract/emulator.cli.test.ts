import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import RPCClient = require('@alicloud/pop-core');
import { demoState, demoUserId } from '../emulator/demoState';
import { DEMO_ACCESS_KEY, DEMO_RAM_USER_KEY } from '../emulator/server';
import { signedParams } from '../emulator/signature';
import { parseArgs } from '../emulator/cli';
import type { PopError } from './emulator.helpers';

const ROOT = join(__dirname, '..', '..');

interface Started { child: ChildProcess; url: string; output: () => string }

/** Runs the CLI as one node process (tsx as an import hook, so a single PID to kill). */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const clean = { ...process.env };
  delete clean.ALIBABA_CLOUD_ACCESS_KEY_ID;
  delete clean.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  delete clean.ALIBABA_CLOUD_SECURITY_TOKEN;
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulator/cli.ts', ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 8000);
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && /State:/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited ${code}: ${out}`), { exitCode: code, output: out }));
    });
  });
}

const children: ChildProcess[] = [];

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('emulator CLI', function () {
  this.timeout(20000);
  let tmp: string | undefined;
  afterEach(async () => {
    await Promise.all(children.splice(0).map(stop));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  it('parses options', () => {
    assert.deepEqual(parseArgs(['--port', '0', '--state', 'a.json', '--latency=20', '--no-qps', '--quiet']),
      { port: 0, host: '127.0.0.1', state: 'a.json', latency: 20, qps: false, quiet: true, help: false, tls: false, tlsPort: 0 });
    assert.deepEqual([parseArgs(['--tls']).tls, parseArgs(['--tls-port', '9443']).tls, parseArgs(['--tls-port=9443']).tlsPort], [true, true, 9443]);
    assert.throws(() => parseArgs(['--tls-port', 'x']), /tls-port/);
    assert.equal(parseArgs([]).port, 8765);
    assert.throws(() => parseArgs(['--port', '70000']), /port/);
    assert.throws(() => parseArgs(['--bogus']), /unknown option/);
  });

  it('parses --network-rtt: a whole number of ms, absent unless given', () => {
    assert.equal(parseArgs(['--network-rtt', '200']).networkRtt, 200);
    assert.equal(parseArgs(['--network-rtt=0']).networkRtt, 0);
    assert.ok(!('networkRtt' in parseArgs(['--latency', '20'])), 'no relay unless asked for');
    for (const bad of ['-5', '1.5', '2e2', 'fast', '']) {
      assert.throws(() => parseArgs([`--network-rtt=${bad}`]), new RegExp(`^Error: --network-rtt must be a whole number of ms, got ${bad.replace('.', '\\.')}$`));
    }
    assert.throws(() => parseArgs(['--network-rtt', '-5']), /--network-rtt must be a whole number of ms, got -5/);
    assert.throws(() => parseArgs(['--network-rtt']), /--network-rtt needs a value/);
    assert.throws(() => parseArgs(['--network-rtt', '--quiet']), /--network-rtt needs a value/);
  });

  it('--network-rtt says the relay is on with its round trip, and the printed URL pays it', async () => {
    const { url, output } = await runCli(['--port', '0', '--network-rtt', '150', '--quiet']);
    assert.match(output(), /listening on http:\/\/127\.0\.0\.1:\d+ through a network-delay relay \(round trip 150 ms\)/);
    const started = performance.now();
    const health = await fetch(`${url}/__emulator/health`);
    const elapsed = performance.now() - started;
    assert.equal(health.status, 200);
    // A new connection: the TCP handshake's round trip, then the exchange's.
    assert.ok(elapsed >= 2 * 150 - 5, `${elapsed} ms`);
  });

  it('starts on a free port with the demo key printed, answers a call, and exits on SIGTERM', async () => {
    const { child, url, output } = await runCli(['--port', '0']);
    assert.match(output(), new RegExp(DEMO_ACCESS_KEY.accessKeySecret));
    const c = new RPCClient({ endpoint: url, apiVersion: '2014-06-18', ...DEMO_ACCESS_KEY });
    const r = await c.request<{ MediaBucketList: { MediaBucket: unknown[] } }>('ListAllMediaBucket', {}, { method: 'POST' });
    assert.equal(r.MediaBucketList.MediaBucket.length, 5);
    await stop(child);
    assert.equal(child.exitCode, 0);
    await assert.rejects(fetch(`${url}/__emulator/health`));
  });

  it('--tls prints the https URL and the CA file, serves STS on it, and removes the file on exit', async () => {
    const { child, output } = await runCli(['--port', '0', '--tls', '--quiet']);
    const m = /TLS on (https:\/\/127\.0\.0\.1:\d+); CA certificate (\S+) /.exec(output());
    assert.ok(m, output());
    const [, tlsUrl, caFile] = m;
    const ca = readFileSync(caFile, 'utf8');
    const body = new URLSearchParams(signedParams('POST', { Action: 'GetCallerIdentity', Version: '2015-04-01' }, DEMO_RAM_USER_KEY)).toString();
    const answer = await new Promise<Record<string, string>>((resolve, reject) => {
      const req = httpsRequest(`${tlsUrl}/`, { method: 'POST', ca, agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => { text += d.toString(); });
        res.on('end', () => resolve(JSON.parse(text) as Record<string, string>));
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.deepEqual([answer.IdentityType, answer.UserId], ['RAMUser', demoUserId('media-operator')]);
    assert.match(output(), new RegExp(DEMO_RAM_USER_KEY.accessKeyId), 'the other demo pairs are printed too');
    await stop(child);
    assert.ok(!existsSync(caFile), 'the CA file is removed on exit');
  });

  it('takes the key pair from the environment and never prints the secret', async () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvironmentKey9876', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret-value-xyz' };
    const { url, output } = await runCli(['--port', '0', '--quiet'], env);
    assert.ok(!output().includes(env.ALIBABA_CLOUD_ACCESS_KEY_SECRET));
    assert.ok(!output().includes(env.ALIBABA_CLOUD_ACCESS_KEY_ID));
    assert.match(output(), /LTAI\*\*\*\*9876/);
    const ok = new RPCClient({ endpoint: url, apiVersion: '2017-03-21', accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET });
    await ok.request('ListAppInfo', {}, { method: 'POST' });
    const demo = new RPCClient({ endpoint: url, apiVersion: '2017-03-21', ...DEMO_ACCESS_KEY });
    await assert.rejects(demo.request('ListAppInfo', {}, { method: 'POST' }), (e: PopError) => e.code === 'InvalidAccessKeyId.NotFound');
  });

  it('loads --state and honours --no-qps', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'emu-'));
    const state = demoState();
    state.mediaBuckets = [{ bucket: 'from-file', type: 'Input' }];
    writeFileSync(join(tmp, 's.json'), JSON.stringify(state));
    const { url, output } = await runCli(['--port', '0', '--state', join(tmp, 's.json'), '--no-qps', '--quiet']);
    assert.match(output(), /QPS limits off/);
    const c = new RPCClient({ endpoint: url, apiVersion: '2014-06-18', ...DEMO_ACCESS_KEY });
    const all = await Promise.all(Array.from({ length: 20 }, () => c.request<{ MediaBucketList: { MediaBucket: { Bucket: string }[] } }>('ListAllMediaBucket', {}, { method: 'POST' })));
    assert.equal(all[19].MediaBucketList.MediaBucket[0].Bucket, 'from-file');
  });

  it('refuses a non-loopback host and bad options with exit code 1', async () => {
    await assert.rejects(runCli(['--port', '0', '--host', '0.0.0.0']), (e: { exitCode: number; output: string }) => e.exitCode === 1 && /loopback/.test(e.output));
    await assert.rejects(runCli(['--nope']), (e: { exitCode: number }) => e.exitCode === 1);
  });
});
