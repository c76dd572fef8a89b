import { RULES } from './index';
import { IMAGE_RULES } from './image';
import { factsOf, type ImageSpec } from './image/testing';
import { catches } from './testing';

/** dockle's checkpoint list (its CHECKPOINT.md and pkg/types): every id a rule may claim. */
const DOCKLE_CHECKPOINTS: Record<string, string> = {
  'CIS-DI-0001': 'Create a user for the container',
  'CIS-DI-0002': 'Use trusted base images for containers',
  'CIS-DI-0003': 'Do not install unnecessary packages in the container',
  'CIS-DI-0004': 'Scan and rebuild the images to include security patches',
  'CIS-DI-0005': 'Enable Content trust for Docker',
  'CIS-DI-0006': 'Add HEALTHCHECK instruction to the container image',
  'CIS-DI-0007': 'Do not use update instructions alone in the Dockerfile',
  'CIS-DI-0008': 'Confirm safety of setuid/setgid files',
  'CIS-DI-0009': 'Use COPY instead of ADD in Dockerfile',
  'CIS-DI-0010': 'Do not store credential in environment variables/files',
  'DKL-DI-0001': 'Avoid sudo command',
  'DKL-DI-0002': 'Avoid sensitive directory mounting',
  'DKL-DI-0003': 'Avoid apt-get dist-upgrade',
  'DKL-DI-0004': 'Use apk add with --no-cache',
  'DKL-DI-0005': 'Clear apt-get caches',
  'DKL-DI-0006': 'Avoid latest tag',
  'DKL-LI-0001': 'Avoid empty password',
  'DKL-LI-0002': 'Be unique UID/GROUPs',
  'DKL-LI-0003': 'Only put necessary files',
};

/**
 * Per claim (`<rule> <dockle id>`): the case dockle documents for the checkpoint,
 * which the rule must catch, and its fix, which it must pass. dockle reads the
 * image (config, history, files); a Dockerfile rule gets the Dockerfile that
 * would make that history.
 */
const DOCKERFILE_CASES: Record<string, [string, string]> = {
  'user-root-implicit CIS-DI-0001': [
    'FROM debian:12\nCMD ["app"]',
    'FROM debian:12\nUSER app\nCMD ["app"]',
  ],
  'no-healthcheck CIS-DI-0006': [
    'FROM debian:12\nCMD ["app"]',
    'FROM debian:12\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD ["app"]',
  ],
  'apt-update-alone CIS-DI-0007': [
    'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
  ],
  'add-instead-of-copy CIS-DI-0009': [
    'FROM debian:12\nADD app.jar /app/app.jar',
    'FROM debian:12\nCOPY app.jar /app/app.jar',
  ],
  'secret-in-env-arg CIS-DI-0010': [
    'FROM debian:12\nENV MYSQL_PASSWORD=hunter2',
    'FROM debian:12\nENV GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4',
  ],
  'sudo-in-run DKL-DI-0001': [
    'FROM debian:12\nRUN apt-get update && sudo chown -R app /srv',
    'FROM debian:12\nRUN chown -R app /srv',
  ],
  'apt-get-dist-upgrade DKL-DI-0003': [
    'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y',
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y',
  ],
  'volume-system-directory DKL-DI-0002': [
    'FROM debian:12\nVOLUME /proc',
    'FROM debian:12\nVOLUME /data',
  ],
  'apt-lists-not-removed DKL-DI-0005': [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  ],
  'apk-no-cache DKL-DI-0004': [
    'FROM alpine:3.20\nRUN apk update && apk add git',
    'FROM alpine:3.20\nRUN apk add --no-cache git',
  ],
};

const layer = (
  files: Record<string, number | string | { size: number; mode: number }>,
) => ({
  layers: [{ files }],
});

const IMAGE_CASES: Record<string, [ImageSpec, ImageSpec]> = {
  'IMG001 CIS-DI-0001': [{ config: {} }, { config: { User: 'app' } }],
  'IMG002 CIS-DI-0010': [
    { config: { Env: ['MYSQL_PASSWORD=hunter2'] } },
    { config: { Env: ['GPG_KEY=B42F6819007F00F8'] } },
  ],
  'IMG003 CIS-DI-0006': [
    { config: {} },
    { config: { Healthcheck: { Test: ['CMD', '/healthz'] } } },
  ],
  'IMG004 CIS-DI-0008': [
    layer({ 'usr/bin/passwd': { size: 60_000, mode: 0o4755 } }),
    layer({ 'usr/bin/passwd': { size: 60_000, mode: 0o755 } }),
  ],
  'IMG005 CIS-DI-0010': [
    layer({ 'app/credentials.json': 120 }),
    layer({ 'app/package.json': 120 }),
  ],
  'IMG006 DKL-DI-0005': [
    layer({
      // A neutral made-up mirror host: no real package mirror is named in the repo.
      'var/lib/apt/lists/mirror.example.invalid_debian_dists_bookworm_InRelease': 150_000,
    }),
    layer({ 'var/lib/apt/lists/lock': 0 }),
  ],
  'IMG009 DKL-LI-0003': [
    layer({ 'app/.git/HEAD': 23 }),
    layer({ 'app/index.js': 23 }),
  ],
  'IMG014 DKL-LI-0001': [
    layer({ 'etc/shadow': 'root:::0:::::\n' }),
    layer({ 'etc/shadow': 'root:*:19000:0:99999:7:::\n' }),
  ],
  'IMG015 DKL-LI-0002': [
    layer({
      'etc/passwd': 'root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n',
    }),
    layer({
      'etc/passwd':
        'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n',
    }),
  ],
  'IMG016 DKL-LI-0003': [
    layer({ 'app/docker-compose.yml': 300 }),
    layer({ 'app/compose.md': 300 }),
  ],
};

const claims = [...RULES, ...IMAGE_RULES].flatMap(rule =>
  rule.equivalents
    .filter(id => id.startsWith('CIS-DI-') || id.startsWith('DKL-'))
    .map(id => `${rule.id} ${id}`),
);

it("claims only ids of dockle's checkpoint list, each with its case here", () => {
  for (const claim of claims)
    expect(Object.keys(DOCKLE_CHECKPOINTS)).toContain(claim.split(' ')[1]);
  expect(claims.sort()).toEqual(
    [...Object.keys(DOCKERFILE_CASES), ...Object.keys(IMAGE_CASES)].sort(),
  );
});

describe.each(Object.entries(DOCKERFILE_CASES))('%s', (claim, [bad, good]) => {
  const rule = RULES.find(r => r.id === claim.split(' ')[0])!;
  it("catches dockle's case", () => expect(catches(rule, bad)).toBe(true));
  it('passes its fix', () => expect(catches(rule, good)).toBe(false));
});

describe.each(Object.entries(IMAGE_CASES))('%s', (claim, [bad, good]) => {
  const rule = IMAGE_RULES.find(r => r.id === claim.split(' ')[0])!;
  it("catches dockle's case", () =>
    expect(rule.check(factsOf(bad)).length).toBeGreaterThan(0));
  it('passes its fix', () => expect(rule.check(factsOf(good))).toEqual([]));
});
