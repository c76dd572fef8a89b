import { rule } from './add-remote-url';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: ['FROM debian:12.5\nADD https://example.com/tool.tar.gz /opt/'],
  passes: [
    'FROM debian:12.5\nADD --checksum=sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee https://example.com/tool.tar.gz /opt/',
    'FROM debian:12.5\nADD tool.tar.gz /opt/',
  ],
});

describe('add-remote-url on a Windows stage (issue 13)', () => {
  it("downloads with the stage's PowerShell, never curl and /bin/sh", () => {
    const [hit] = hitsOf(
      rule,
      corpusFile(
        'apps/docker/labs/windows/modernize-traditional-apps/modernize-aspnet/v3-src/docker/web/Dockerfile',
      ),
    );
    expect(hit.after).toMatch(
      /^RUN Invoke-WebRequest -UseBasicParsing -Uri 'https:\/\/github.com\/Microsoft\/iis-docker\/raw\/master\/windowsservercore\/ServiceMonitor.exe' -OutFile '.\/ServiceMonitor.exe'; if \(\(Get-FileHash/,
    );
    expect(hit.after).not.toContain('curl');
  });
});
