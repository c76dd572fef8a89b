import type { DockerfileResult, Finding, ImageResult } from './report';
import { computeScore } from './score';
import { scorecardFacts } from './scorecard';

const MB = 1024 * 1024;

function dockerfile(baseImages: string[]): DockerfileResult {
  return {
    location: 'Dockerfile',
    stages: baseImages.map((baseImage, index) => ({
      index,
      baseImage,
      line: index * 5 + 1,
      final: index === baseImages.length - 1,
    })),
    baseImages,
    findings: [],
    parseErrors: [],
  };
}

function image(partial: Partial<ImageResult>): ImageResult {
  return {
    ref: 'localhost:5000/acme/app:1',
    digest: 'sha256:0',
    platform: 'linux/amd64',
    platforms: ['linux/amd64'],
    compressedBytes: 10 * MB,
    layers: [],
    user: 'app',
    userIsRoot: false,
    rootKind: 'none',
    findings: [],
    ...partial,
  };
}

function report(dockerfiles: DockerfileResult[], images: ImageResult[]) {
  return { dockerfiles, images, score: computeScore({ dockerfiles, images }) };
}

describe('scorecardFacts', () => {
  it('shows a Dockerfile-only entity with its final base image and no image facts', () => {
    const facts = scorecardFacts(
      report([dockerfile(['golang:1.22', 'gcr.io/distroless/static'])], []),
    );
    expect(facts).toEqual({
      score: expect.any(Number),
      grade: expect.stringMatching(/^[A-F]$/),
      baseImage: 'gcr.io/distroless/static',
      policyViolations: 0,
    });
  });

  it('judges several images by the largest, sums what they could shed, and flags root if any runs as root', () => {
    const facts = scorecardFacts(
      report(
        [dockerfile(['node:20'])],
        [
          image({ compressedBytes: 40 * MB, reclaimableBytes: 3 * MB }),
          image({
            ref: 'localhost:5000/acme/worker:1',
            compressedBytes: 90 * MB,
            userIsRoot: true,
            rootKind: 'implicit',
            reclaimableBytes: 5 * MB,
            baseImage: 'node:20-slim',
          }),
          image({ ref: 'localhost:5000/acme/cron:1' }),
        ],
      ),
    );
    expect(facts).toMatchObject({
      compressedBytes: 90 * MB,
      reclaimableBytes: 8 * MB,
      userIsRoot: true,
      // The image's own base image wins over what the Dockerfile names.
      baseImage: 'node:20-slim',
    });
  });

  it('says nothing about reclaimable bytes when no image was deep-analysed, and N/A when nothing was scanned', () => {
    expect(scorecardFacts(report([], [image({})]))).not.toHaveProperty(
      'reclaimableBytes',
    );
    expect(scorecardFacts(report([], []))).toEqual({
      score: null,
      grade: 'N/A',
      policyViolations: 0,
    });
  });

  it('counts the policy findings of Dockerfiles and images alike, and no other category', () => {
    const policy = (ruleId: string): Finding => ({
      ruleId,
      equivalents: [],
      category: 'policy',
      severity: 'error',
      message: 'breaks the policy',
      remediation: { summary: 'follow it' },
    });
    const base = dockerfile(['node:latest']);
    base.findings = [
      policy('policy-forbidden-base-image'),
      { ...policy('apt-pin-versions'), category: 'security' },
    ];
    const facts = scorecardFacts(
      report([base], [image({ findings: [policy('policy-non-root')] })]),
    );
    expect(facts.policyViolations).toBe(2);
    expect(facts.grade).toBe('D');
  });
});
