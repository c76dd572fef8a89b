import type { DockerfileResult } from '@image-health/plugin-image-health-common';
import { buildReport } from './report';

const GO_SINGLE_STAGE =
  'FROM golang:1.21\nWORKDIR /app\nCOPY . .\nRUN go build -o main .\nCMD ["./main"]\n';
const GO_MULTI_STAGE =
  'FROM golang:1.21 AS build\nWORKDIR /app\nCOPY . .\nRUN go build -o main .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app/main /main\nCMD ["/main"]\n';

async function earlierResultOf(content: string): Promise<DockerfileResult> {
  const { report } = await buildReport({
    entityRef: 'component:default/api',
    dockerfiles: [{ kind: 'read', location: 'worker/Dockerfile', content }],
    images: [],
  });
  return report.dockerfiles[0];
}

describe('buildReport', () => {
  it('redacts secret values before the report leaves the engine, naming the variable still', async () => {
    const { report } = await buildReport({
      entityRef: 'component:default/leaky',
      dockerfiles: [
        {
          kind: 'read',
          location: 'Dockerfile',
          content:
            'FROM debian:bookworm-slim\nENV DB_PASSWORD=hunter2-very-secret\nRUN curl -u deploy:s3cr3t-token https://example.invalid/x\n',
        },
      ],
      images: [],
    });
    const text = JSON.stringify(report);
    expect(text).not.toContain('hunter2-very-secret');
    expect(text).not.toContain('s3cr3t-token');
    expect(
      report.dockerfiles[0].findings.some(f =>
        f.message.includes('DB_PASSWORD'),
      ),
    ).toBe(true);
  });

  it('is ok when every input was read, and keeps the text the UI diffs against', async () => {
    const { report } = await buildReport({
      entityRef: 'component:default/api',
      dockerfiles: [
        { kind: 'read', location: 'Dockerfile', content: GO_SINGLE_STAGE },
      ],
      images: [],
    });
    expect(report.status).toBe('ok');
    expect(report.error).toBeUndefined();
    expect(report.dockerfiles[0].content).toBe(GO_SINGLE_STAGE);
    expect(report.dockerfiles[0].findings.map(f => f.ruleId)).toContain(
      'single-stage-compiled-build',
    );
    expect(report.score.value).not.toBeNull();
  });

  it('is partial when one input cannot be read, showing its earlier result beside the error', async () => {
    const earlier = await earlierResultOf(GO_MULTI_STAGE);
    const { report, dockerfiles } = await buildReport({
      entityRef: 'component:default/api',
      dockerfiles: [
        { kind: 'read', location: 'Dockerfile', content: GO_SINGLE_STAGE },
        {
          kind: 'unreadable',
          location: 'worker/Dockerfile',
          error: 'Dockerfile worker/Dockerfile: the source host answered 500',
          earlier: { result: earlier, scannedAt: '2026-01-01T00:00:00.000Z' },
        },
      ],
      images: [],
    });
    expect(report.status).toBe('partial');
    expect(report.error).toBe(
      'Dockerfile worker/Dockerfile: the source host answered 500 (showing the result of 2026-01-01T00:00:00.000Z)',
    );
    expect(report.dockerfiles.map(d => d.location)).toEqual([
      'Dockerfile',
      'worker/Dockerfile',
    ]);
    expect(dockerfiles[1].result).toBe(earlier);
  });

  it('has failed when nothing could be read now, even with earlier results to show', async () => {
    const earlier = await earlierResultOf(GO_MULTI_STAGE);
    const { report } = await buildReport({
      entityRef: 'component:default/api',
      dockerfiles: [
        {
          kind: 'unreadable',
          location: 'worker/Dockerfile',
          error: 'Dockerfile worker/Dockerfile: not found',
          earlier: { result: earlier, scannedAt: '2026-01-01T00:00:00.000Z' },
        },
      ],
      images: [{ kind: 'inspect', ref: 'registry.example.invalid/acme/api:1' }],
    });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(
      /; image registry\.example\.invalid\/acme\/api:1: no image inspector was given$/,
    );
  });

  it('takes an unchanged result as it is, without analysing again', async () => {
    const earlier = await earlierResultOf(GO_MULTI_STAGE);
    const { report } = await buildReport({
      entityRef: 'component:default/api',
      dockerfiles: [{ kind: 'unchanged', result: earlier }],
      images: [],
      scannedAt: '2026-02-02T00:00:00.000Z',
    });
    expect(report).toMatchObject({
      status: 'ok',
      scannedAt: '2026-02-02T00:00:00.000Z',
      dockerfiles: [earlier],
    });
  });
});
