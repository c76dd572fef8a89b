#!/usr/bin/env node
/* eslint-disable no-console -- a command-line runner: the console is its output */
// End-to-end test of the example app: builds the frontend, starts the
// backend (which serves the built app) with the example catalog on its own
// port, waits for the first scans, then drives Debian's chromium through the
// Image Health tab, the overview card and the scorecard like a user would.
//
//   yarn workspace app e2e [--json results.json] [--no-build] [--keep-open]
//
// Screenshots, the exported CSV and the backend log land in
// packages/app/e2e/artifacts/ (gitignored; CI keeps it as an artefact).
// The result file uses jest's numPassedTests/numFailedTests fields.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  createWriteStream,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { check, results, writeResults } from './steps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const artifacts = join(here, 'artifacts');
const args = process.argv.slice(2);
// yarn runs workspace scripts in the workspace; paths are the caller's.
const callerDir = process.env.INIT_CWD ?? process.cwd();
const jsonOut = args.includes('--json')
  ? resolve(callerDir, args[args.indexOf('--json') + 1])
  : undefined;
const port = Number(process.env.E2E_PORT ?? 7107);
const baseUrl = `http://localhost:${port}`;
// The example images (demo/ci-pair.sh, yarn demo:images) are in the demo's
// loopback registry; scripts/test-all builds one pair before this test.
const registryPort = Number(process.env.DEMO_REGISTRY_PORT ?? 5000);
const registryHost = `localhost:${registryPort}`;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const yarnRelease = readdirSync(join(repoRoot, '.yarn/releases')).find(f =>
  f.endsWith('.cjs'),
);
const yarn = (...yarnArgs) => [
  process.execPath,
  [join(repoRoot, '.yarn/releases', yarnRelease), ...yarnArgs],
];

function fail(message) {
  console.error(`e2e: ${message}`);
  if (jsonOut) writeResults(jsonOut, message);
  process.exit(1);
}

rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });

if (!existsSync(chromiumPath)) {
  fail(
    `no browser at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
  );
}

// 1. The built app, as production serves it (app-backend serves packages/app/dist).
if (
  !args.includes('--no-build') ||
  !existsSync(join(repoRoot, 'packages/app/dist/index.html'))
) {
  console.log('e2e: building the app');
  const [cmd, cmdArgs] = yarn('workspace', 'app', 'build');
  const build = spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) fail('yarn workspace app build failed');
}

// 2. The example catalog on this test's port. The example entities name their
//    source location on the default port 7007 and their images in the demo
//    registry on 5000; a copy points them at this test's ports, so a
//    developer's running instance and this test do not meet.
const work = join(artifacts, 'config');
mkdirSync(work, { recursive: true });
for (const file of ['entities.yaml', 'org.yaml']) {
  const text = readFileSync(join(repoRoot, 'examples', file), 'utf8');
  writeFileSync(
    join(work, file),
    text
      .replaceAll('localhost:7007', `localhost:${port}`)
      .replaceAll('localhost:5000/', `${registryHost}/`),
  );
}
const configFile = join(work, 'app-config.e2e.yaml');
writeFileSync(
  configFile,
  `app:
  baseUrl: ${baseUrl}
backend:
  baseUrl: ${baseUrl}
  listen:
    port: ${port}
  cors:
    origin: ${baseUrl}
  reading:
    allow:
      - host: localhost:${port}
exampleFiles:
  directory: ${join(repoRoot, 'examples')}
catalog:
  locations:
    - type: file
      target: ${join(work, 'entities.yaml')}
    - type: file
      target: ${join(work, 'org.yaml')}
      rules:
        - allow: [User, Group]
# Plan often (schedule objects merge key by key with app-config.yaml, whose
# frequency is in minutes): a plan that runs before the catalog has processed the example
# locations finds nothing to scan.
imageHealth:
  registries:
    - host: ${registryHost}
      insecure: true
  schedule:
    frequency: { minutes: 0, seconds: 20 }
    initialDelay: { seconds: 10 }
`,
);

// 3. The backend.
console.log(`e2e: starting the backend on ${baseUrl}`);
const backendLog = createWriteStream(join(artifacts, 'backend.log'));
const portTaken = await fetch(`${baseUrl}/.backstage/health/v1/liveness`).then(
  () => true,
  () => false,
);
if (portTaken) {
  fail(
    `something already listens on ${baseUrl}: another e2e run? (E2E_PORT picks another port)`,
  );
}
// The backend runs as \`backstage-cli package start\` runs it, minus the file
// watcher: a watcher restarts the backend on every edit in the repository and
// leaves a process behind that outlives this test.
const backend = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--require',
    join(repoRoot, 'node_modules/@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index',
    '--config',
    join(repoRoot, 'app-config.yaml'),
    '--config',
    configFile,
  ],
  {
    cwd: join(repoRoot, 'packages/backend'),
    env: { ...process.env, NODE_ENV: 'development' },
    detached: true,
  },
);
backend.stdout.pipe(backendLog);
backend.stderr.pipe(backendLog);
let backendExited = false;
backend.on('exit', () => {
  backendExited = true;
});
function signalBackend(signal) {
  try {
    process.kill(-backend.pid, signal);
  } catch {
    /* already gone */
  }
}
/** Graceful stop, then a kill if the backend does not finish shutting down. */
async function stopBackend() {
  if (backendExited) return;
  signalBackend('SIGTERM');
  for (let i = 0; i < 30 && !backendExited; i++) {
    await new Promise(r => setTimeout(r, 500));
  }
  signalBackend('SIGKILL');
}
// On any other way out (a failed wait, an interrupt), no process stays behind.
process.on('exit', () => signalBackend('SIGKILL'));
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const sleep = ms => new Promise(r => setTimeout(r, ms));
async function waitFor(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (backendExited)
      fail(
        `the backend exited while waiting for ${what}; see artifacts/backend.log`,
      );
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await sleep(1000);
  }
}

await waitFor(
  'the backend',
  async () => (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok,
  300_000,
);
const token = await waitFor(
  'a guest token',
  async () => {
    const res = await fetch(
      `${baseUrl}/api/auth/guest/refresh?env=development`,
      {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      },
    );
    return res.ok && (await res.json()).backstageIdentity?.token;
  },
  60_000,
);
const api = async path => {
  const res = await fetch(`${baseUrl}/api/image-health${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.ok ? res.json() : undefined;
};
// The first scheduled scan covers the whole example catalog.
const ENTITY = 'storefront-web';
const report = await waitFor(
  `the first report of ${ENTITY}`,
  () => api(`/v1/entities/component/default/${ENTITY}`),
  180_000,
);
// Every example component Image Health scans, from the catalog itself: one
// with an image-health annotation or a source location (imageHealthScanPlan).
const annotatedComponents = await waitFor(
  'the example catalog',
  async () => {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities?filter=kind=component`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const components = res.ok ? await res.json() : [];
    const scanned = components.filter(c =>
      [
        'image-health/dockerfile',
        'image-health/image',
        'backstage.io/source-location',
      ].some(a => c.metadata.annotations?.[a]),
    );
    return scanned.length >= 2 && scanned;
  },
  60_000,
);
const annotated = annotatedComponents.length;
await waitFor(
  `all ${annotated} scanned example components on the scorecard`,
  async () => {
    const card = await api('/v1/scorecard?limit=1');
    return card && card.totals.entities >= annotated;
  },
  180_000,
);
console.log(`e2e: ${ENTITY} scanned, grade ${report.score.grade}`);

// The example whose image the layer chart is checked on: the apt pair's
// "before", which scripts/test-all builds (demo/ci-pair.sh) before this test.
const IMAGE_ENTITY = 'legacy-reporting';
const IMAGE_REPOSITORY = 'examples/apt-layer-pile';
const imageBuilt = await fetch(
  `http://127.0.0.1:${registryPort}/v2/${IMAGE_REPOSITORY}/manifests/latest`,
  {
    method: 'HEAD',
    headers: {
      accept: [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
      ].join(', '),
    },
  },
).then(
  res => res.ok,
  () => false,
);
const imageReport = imageBuilt
  ? await waitFor(
      `a report of ${IMAGE_ENTITY} with its image`,
      async () => {
        const r = await api(`/v1/entities/component/default/${IMAGE_ENTITY}`);
        return r?.images.some(i => i.layers.length > 0) && r;
      },
      180_000,
    )
  : undefined;

// 4. The browser.
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
  ],
});
const context = await browser.newContext({
  viewport: { width: 1440, height: 900 },
  acceptDownloads: true,
});
const page = await context.newPage();
page.setDefaultTimeout(30_000);
const consoleErrors = [];
page.on('pageerror', error => consoleErrors.push(String(error)));

async function signIn() {
  await page.goto(`${baseUrl}/`);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.or(page.getByText('Image Health example org')).first().waitFor();
  if (await enter.isVisible()) await enter.click();
  await page.getByRole('link', { name: 'Image Health' }).first().waitFor();
}
// Backstage scrolls inside its page, so a full-page shot needs a viewport as
// tall as the content.
async function shot(name) {
  const height = await page.evaluate(() =>
    Math.max(
      ...[...document.querySelectorAll('main, main *')].map(
        e => e.scrollHeight,
      ),
    ),
  );
  await page.setViewportSize({
    width: 1440,
    height: Math.min(Math.max(900, height + 40), 8000),
  });
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

await check('signs in as guest and shows Image Health in the sidebar', signIn);

await check(
  'the entity tab shows the grade, findings and a remediation snippet',
  async () => {
    await page.goto(
      `${baseUrl}/catalog/default/component/${ENTITY}/image-health`,
    );
    await page.getByText('Image health score').waitFor();
    await page
      .getByRole('img', { name: `Grade ${report.score.grade}` })
      .first()
      .waitFor();
    const value = report.score.value;
    if (value !== null) await page.getByText(`${value} / 100`).waitFor();
    const findings = [...report.dockerfiles, ...report.images].flatMap(
      x => x.findings,
    );
    if (findings.length === 0)
      throw new Error(`${ENTITY} has no findings to show`);
    await page.getByText(`Findings (${findings.length})`).waitFor();
    await page
      .getByText(findings[0].message, { exact: true })
      .first()
      .waitFor();
    const withSnippet = findings.find(f => f.remediation.after);
    if (withSnippet) {
      const firstLine = withSnippet.remediation.after.split('\n')[0].trim();
      await page
        .locator('pre')
        .filter({ hasText: firstLine })
        .first()
        .waitFor();
    }
    await page.getByRole('table', { name: 'Category grades' }).waitFor();
    await shot('entity-tab');
  },
);

await check(
  'the suggested Dockerfile is offered with a copy button',
  async () => {
    if (!report.dockerfiles.some(d => d.suggestedDockerfile)) return;
    await page
      .getByRole('button', { name: 'Copy suggested Dockerfile' })
      .waitFor();
  },
);

await check(
  'a built example image shows its layer chart, one bar per layer with its history line and wasted bytes',
  async () => {
    if (!imageReport) {
      throw new Error(
        `no ${IMAGE_REPOSITORY}:latest in the registry on ${registryHost}: build it with demo/ci-pair.sh (scripts/test-all does)`,
      );
    }
    await page.goto(
      `${baseUrl}/catalog/default/component/${IMAGE_ENTITY}/image-health`,
    );
    const charts = page.getByRole('table', { name: 'Layer chart' });
    await charts.first().waitFor();
    const count = await charts.count();
    if (count !== imageReport.images.length)
      throw new Error(
        `${count} layer charts for ${imageReport.images.length} images`,
      );
    const image = imageReport.images[0];
    const layers = image.layers.filter(l => !l.emptyLayer);
    const rows = charts.first().locator('tbody tr');
    if ((await rows.count()) !== layers.length)
      throw new Error(
        `${await rows.count()} bars for the ${layers.length} layers of ${
          image.ref
        }`,
      );
    // The Dockerfile's own lines name the layers they made.
    await charts
      .first()
      .getByText(/apt-get install -y python3-pip/)
      .first()
      .waitFor();
    // apt-get clean and rm -rf /var/lib/apt/lists/* in later layers free
    // nothing: the layers holding those files show wasted bytes.
    const wasted = layers.filter(l => (l.wastedBytes ?? 0) > 0);
    if (wasted.length === 0)
      throw new Error(`no layer of ${image.ref} has wasted bytes`);
    const wastedCells = await charts
      .first()
      .locator('tbody tr td:nth-child(4)')
      .allInnerTexts();
    if (wastedCells.filter(t => t.trim() !== '–').length !== wasted.length)
      throw new Error(`wasted column shows ${wastedCells.join(', ')}`);
    await page.getByText(image.ref).first().waitFor();
    await charts
      .first()
      .screenshot({ path: join(artifacts, 'layer-chart.png') });
    await shot('entity-tab-image');
  },
);

await check(
  'an example whose image is not built says why and still shows its Dockerfile findings',
  async () => {
    const candidates = [];
    for (const c of annotatedComponents) {
      const r = await api(`/v1/entities/component/default/${c.metadata.name}`);
      if (r?.status === 'partial' && r.images.length === 0 && r.error)
        candidates.push([c.metadata.name, r]);
    }
    if (candidates.length === 0) {
      console.log(
        'e2e: every example image is built here; the missing-image state is covered by component tests',
      );
      return;
    }
    const [name, partial] = candidates[0];
    if (!partial.error.includes(registryHost))
      throw new Error(`the error does not name the registry: ${partial.error}`);
    await page.goto(
      `${baseUrl}/catalog/default/component/${name}/image-health`,
    );
    await page
      .getByText(partial.error.slice(0, 60), { exact: false })
      .first()
      .waitFor();
    const findings = partial.dockerfiles.flatMap(d => d.findings);
    if (findings.length)
      await page.getByText(`Findings (${findings.length})`).waitFor();
  },
);

await check('the overview card links to the tab', async () => {
  await page.goto(`${baseUrl}/catalog/default/component/${ENTITY}`);
  const link = page.getByRole('link', { name: /View image health/ });
  await link.waitFor();
  await shot('overview-card');
  await link.click();
  await page.waitForURL(`**/catalog/default/component/${ENTITY}/image-health`);
  await page.getByText('Image health score').waitFor();
});

await check('the tab is readable in the dark theme', async () => {
  await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
  await page.reload();
  await page.getByText('Image health score').waitFor();
  const background = await page.evaluate(
    () => getComputedStyle(document.body).backgroundColor,
  );
  const [r, g, b] = background.match(/\d+/g).map(Number);
  if (r + g + b > 3 * 128)
    throw new Error(`body background ${background} is not dark`);
  await shot('entity-tab-dark');
  await page.evaluate(() => window.localStorage.setItem('theme', 'light'));
});

// The entity page's tabs: links in its content navigation on the new frontend
// system's entity page.
const entityTab = name =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });

// An example with only backstage.io/source-location: the backend scans its
// root Dockerfile, so the page has the tab.
const SOURCE_ONLY_ENTITY = 'feature-store';
await check(
  'a component with only a source location has its tab with findings',
  async () => {
    // On the scorecard already: the wait above counted it among the scanned.
    const sourceOnly = await api(
      `/v1/entities/component/default/${SOURCE_ONLY_ENTITY}`,
    );
    if (!sourceOnly) throw new Error(`${SOURCE_ONLY_ENTITY} has no report`);
    const findings = sourceOnly.dockerfiles.flatMap(d => d.findings);
    if (findings.length === 0)
      throw new Error(`${SOURCE_ONLY_ENTITY} has no Dockerfile findings`);
    await page.goto(
      `${baseUrl}/catalog/default/component/${SOURCE_ONLY_ENTITY}`,
    );
    await entityTab('Image Health').click();
    await page.waitForURL(
      `**/catalog/default/component/${SOURCE_ONLY_ENTITY}/image-health`,
    );
    await page.getByText('Image health score').waitFor();
    await page.getByText(`Findings (${findings.length})`).waitFor();
  },
);

// The shop monorepo (examples/monorepo): two components without annotations
// whose subtrees the backend searches through the example reader's `search`.
const MONOREPO_COMPONENTS = {
  'shop-checkout': ['Dockerfile', 'docker/worker.Dockerfile'],
  'shop-catalog': ['Dockerfile'],
};
await check(
  "both monorepo components have their tab with their own subtree's Dockerfiles",
  async () => {
    for (const [name, locations] of Object.entries(MONOREPO_COMPONENTS)) {
      const found = await api(`/v1/entities/component/default/${name}`);
      if (!found) throw new Error(`${name} has no report`);
      const scanned = found.dockerfiles.map(d => d.location);
      if (JSON.stringify(scanned) !== JSON.stringify(locations))
        throw new Error(
          `${name} scanned ${scanned.join(', ')}, not ${locations.join(', ')}`,
        );
      if (found.discovery?.method !== 'search')
        throw new Error(
          `${name} was not searched: ${found.discovery?.message}`,
        );
      await page.goto(`${baseUrl}/catalog/default/component/${name}`);
      await entityTab('Image Health').click();
      await page.waitForURL(
        `**/catalog/default/component/${name}/image-health`,
      );
      await page.getByText('Image health score').waitFor();
      const first = found.dockerfiles[0].findings.length;
      await page.getByText(`Findings (${first})`).waitFor();
      if (locations.length === 1) continue;
      // Switching to the worker's Dockerfile shows its findings instead.
      const worker = found.dockerfiles[1];
      const tab = page
        .getByRole('tablist', { name: 'Dockerfiles' })
        .getByRole('tab', {
          name: `${worker.location} (${worker.findings.length})`,
        });
      await tab.click();
      await tab.and(page.locator('[aria-selected="true"]')).waitFor();
      await page.getByText(`Findings (${worker.findings.length})`).waitFor();
      if (worker.findings.length === 0)
        throw new Error(`${worker.location} has no findings to show`);
      await page.getByText(worker.findings[0].message).first().waitFor();
      await shot('monorepo-checkout');
    }
  },
);

await check(
  'Rescan queues a scan and the tab is ready again when it has finished',
  async () => {
    await page.goto(
      `${baseUrl}/catalog/default/component/${SOURCE_ONLY_ENTITY}/image-health`,
    );
    await page.getByText('Image health score').waitFor();
    const [queued] = await Promise.all([
      page.waitForResponse(
        r => r.request().method() === 'POST' && r.url().endsWith('/scan'),
      ),
      page.getByRole('button', { name: 'Rescan' }).click(),
    ]);
    if (queued.status() !== 202)
      throw new Error(`POST …/scan answered ${queued.status()}`);
    const { id } = await queued.json();
    // Busy from the click until the scan has finished.
    await page
      .getByRole('button', { name: 'Rescan' })
      .and(page.locator(':not([disabled])'))
      .waitFor({ timeout: 120_000 });
    const scan = await api(`/v1/scans/${id}`);
    if (scan?.state !== 'succeeded')
      throw new Error(`scan ${id} ended ${scan?.state}: ${scan?.error ?? ''}`);
    if (await page.getByText(/Rescan failed/).count())
      throw new Error('the tab says the rescan failed');
    await page.getByText('Image health score').waitFor();
  },
);

await check(
  "Rescan is not offered on another team's component (owners-only policy)",
  async () => {
    await page.goto(
      `${baseUrl}/catalog/default/component/${ENTITY}/image-health`,
    );
    await page.getByText('Image health score').waitFor();
    if (await page.getByRole('button', { name: 'Rescan' }).count())
      throw new Error(
        `${ENTITY} (team-web) offers Rescan to the guest (team-data)`,
      );
  },
);

await check(
  'an entity without annotations has no Image Health tab',
  async () => {
    await page.goto(`${baseUrl}/catalog/default/component/team-handbook`);
    await entityTab('Overview').waitFor();
    if (await entityTab('Image Health').count()) {
      throw new Error('team-handbook shows an Image Health tab');
    }
  },
);

const table = page.getByRole('table', { name: 'Scorecard' });

await check(
  'the scorecard lists every scanned component with links to its tab',
  async () => {
    await page.goto(`${baseUrl}/image-health`);
    await page.getByText(/\d+ of \d+ scanned entities/).waitFor();
    await page.waitForFunction(
      count =>
        document.querySelectorAll('table[aria-label="Scorecard"] tbody tr')
          .length >= count,
      annotated,
    );
    await page.getByRole('list', { name: 'Grade distribution' }).waitFor();
    await table
      .getByRole('link', { name: /Storefront/ })
      .first()
      .waitFor();
    await shot('scorecard');
  },
);

await check(
  'filtering the scorecard by grade shows only that grade',
  async () => {
    const grade = report.score.grade;
    await page.getByRole('button', { name: /Grade/ }).click();
    await page.getByRole('option', { name: grade, exact: true }).click();
    await page.waitForFunction(g => {
      const rows = [
        ...document.querySelectorAll('table[aria-label="Scorecard"] tbody tr'),
      ];
      return (
        rows.length > 0 &&
        rows.every(r => r.querySelector(`[aria-label="Grade ${g}"]`))
      );
    }, grade);
    await shot('scorecard-filtered');
  },
);

await check(
  'the scorecard keeps its filter in the URL across a reload and the back button',
  async () => {
    const grade = report.score.grade;
    if (new URL(page.url()).searchParams.get('grade') !== grade)
      throw new Error(`the URL ${page.url()} does not say grade=${grade}`);
    const onlyThatGrade = g => {
      const rows = [
        ...document.querySelectorAll('table[aria-label="Scorecard"] tbody tr'),
      ];
      return (
        rows.length > 0 &&
        rows.every(r => r.querySelector(`[aria-label="Grade ${g}"]`))
      );
    };
    await page.reload();
    await page.waitForFunction(onlyThatGrade, grade);
    await table.getByRole('link').first().click();
    await page.waitForURL('**/catalog/**');
    await page.goBack();
    await page.waitForURL(
      url =>
        url.pathname === '/image-health' &&
        url.searchParams.get('grade') === grade,
    );
    await page.waitForFunction(onlyThatGrade, grade);
  },
);

await check('text search narrows the scorecard', async () => {
  await page.getByRole('button', { name: /Grade/ }).click();
  await page.getByRole('option', { name: 'Any' }).click();
  await page
    .getByRole('textbox', { name: 'Search entities' })
    .fill('storefront');
  await page.waitForFunction(() => {
    const rows = [
      ...document.querySelectorAll('table[aria-label="Scorecard"] tbody tr'),
    ];
    return (
      rows.length === 2 && rows.every(r => /storefront/i.test(r.textContent))
    );
  });
});

await check('CSV export downloads the filtered rows', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Export CSV/ }).click(),
  ]);
  const file = join(artifacts, 'scorecard.csv');
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').trim().split(/\r\n/);
  if (!lines[0].startsWith('entityRef,title,owner,grade,score'))
    throw new Error(`unexpected header ${lines[0]}`);
  if (
    lines.length !== 3 ||
    !lines.slice(1).every(l => l.includes('storefront'))
  ) {
    throw new Error(
      `expected the 2 storefront rows, got:\n${lines.join('\n')}`,
    );
  }
});

await check('no uncaught errors in the page', async () => {
  if (consoleErrors.length) throw new Error(consoleErrors.join('\n'));
});

if (!args.includes('--keep-open')) {
  await browser.close();
  await stopBackend();
}
if (jsonOut) writeResults(jsonOut);
const failed = results.filter(r => r.status === 'failed').length;
console.log(
  `e2e: ${
    results.length - failed
  } passed, ${failed} failed; screenshots in ${artifacts}`,
);
process.exit(failed ? 1 : 0);
