import { rule } from './secret-file';
import { describeImageRule, factsOf } from './testing';

describeImageRule(rule, {
  catches: [
    ['with an .env file', { layers: [{ files: { 'app/.env': 40 } }] }],
    ['with an SSH key', { layers: [{ files: { 'root/.ssh/id_rsa': 1700 } }] }],
    [
      'with cloud credentials',
      { layers: [{ files: { 'root/.aws/credentials': 120 } }] },
    ],
  ],
  passes: [
    [
      'with an .env.example',
      { layers: [{ files: { 'app/.env.example': 40 } }] },
    ],
    [
      "with a package's sample key",
      { layers: [{ files: { 'usr/share/doc/x/example.key': 40 } }] },
    ],
    ['with application code', { layers: [{ files: { 'app/server.js': 40 } }] }],
  ],
});

it('points at the layer that added the file and the Dockerfile line that made it', () => {
  const facts = factsOf({
    layers: [
      { createdBy: 'ADD rootfs.tar /', files: { 'bin/sh': 100 } },
      { createdBy: 'COPY . /app # buildkit', files: { 'app/.env': 40 } },
    ],
    dockerfile: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . /app\n',
  });
  const [hit] = rule.check(facts);
  expect(hit.layer).toBe(1);
  expect(hit.instruction?.line).toBe(3);
});

// CIS-DI-0010 ("Do not store credential in environment variables/files"): dockle's file names and extensions.
describeImageRule(rule, {
  catches: [
    [
      'with credentials.json',
      { layers: [{ files: { 'app/credentials.json': 90 } }] },
    ],
    ['with password.txt', { layers: [{ files: { 'srv/password.txt': 9 } }] }],
    [
      'with a VPN profile',
      { layers: [{ files: { 'etc/vpn/office.ovpn': 900 } }] },
    ],
    ['with a .secret file', { layers: [{ files: { 'app/db.secret': 20 } }] }],
  ],
  passes: [
    [
      'with a plain config.json',
      { layers: [{ files: { 'app/config.json': 90 } }] },
    ],
    [
      'with a .secrets file (not an extension dockle reads)',
      { layers: [{ files: { 'app/x.secrets': 20 } }] },
    ],
  ],
});
