// Starts the REAL backend jar (embedded PostgreSQL + Redis, simulator) on a free port with a fresh
// data folder, and the built dashboard (vite preview, /api proxied to it) on another free port.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const backend = resolve(frontend, '../backend');
const jar = join(backend, 'target/quarkus-app/quarkus-run.jar');
export const artifacts = join(frontend, 'test-results/e2e');

export function freePort() {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitFor(url, timeoutMs, child, name) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} (see ${artifacts}/${name}.log)`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} not ready after ${timeoutMs / 1000} s: ${url}`);
}

function start(name, cmd, args, opts) {
  const log = createWriteStream(join(artifacts, `${name}.log`));
  const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

function stop(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', done);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      done();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 15000).unref();
  });
}

export async function startServers() {
  mkdirSync(artifacts, { recursive: true });
  if (!existsSync(jar)) {
    console.log('e2e: building the backend jar (mvn package -DskipTests)');
    execFileSync('mvn', ['-B', '-ntp', '-q', 'package', '-DskipTests'], { cwd: backend, stdio: 'inherit' });
  }
  if (process.env.E2E_SKIP_BUILD !== '1') {
    console.log('e2e: building the dashboard');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: frontend, stdio: 'inherit' });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'relais-e2e-'));
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const web = `http://localhost:${webPort}`;
  const javaOpts = (process.env.E2E_JAVA_OPTS ?? '-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC').split(' ');
  // The embedded servers and the simulator, whatever this machine's environment says.
  const env = { ...process.env, PORT: String(apiPort), RELAIS_DATA_DIR: dataDir, ALLOWED_ORIGINS: web };
  for (const k of Object.keys(env)) if (/^(DATABASE_URL|REDIS_URL|TWILIO_|ENVIRONMENT$)/.test(k)) delete env[k];
  let api = start('backend', 'java', [...javaOpts, '-jar', jar], { cwd: dataDir, env });
  const preview = start('frontend', join(frontend, 'node_modules/.bin/vite'), ['preview', '--port', String(webPort), '--strictPort'], {
    cwd: frontend,
    env: { ...process.env, API_URL: `http://localhost:${apiPort}`, PORT: String(webPort) },
  });
  const servers = {
    web,
    api: `http://localhost:${apiPort}`,
    /** Stops the backend and starts it again on the same port and data (for journeys that cut the event stream). */
    async restartBackend() {
      await stop(api);
      api = start('backend-restarted', 'java', [...javaOpts, '-jar', jar], { cwd: dataDir, env });
      await waitFor(`${servers.api}/api/health/ready`, 180_000, api, 'backend-restarted');
    },
    async stop() {
      await Promise.all([stop(preview), stop(api)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(`${servers.api}/api/health/ready`, 180_000, api, 'backend');
    await waitFor(web, 30_000, preview, 'frontend');
  } catch (e) {
    await servers.stop();
    throw e;
  }
  return servers;
}
