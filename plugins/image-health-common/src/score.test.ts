import { computeScore, detectLanguage, parseBytes, sizeAgainstBudget } from './score';
import type { DockerfileResult, Finding, ImageResult } from './report';

const MB = 1024 * 1024;

function finding(partial: Partial<Finding>): Finding {
  return {
    ruleId: 'test-rule',
    equivalents: [],
    category: 'security',
    severity: 'warning',
    message: 'a finding',
    remediation: { summary: 'fix it' },
    ...partial,
  };
}

function dockerfile(baseImages: string[], findings: Finding[] = []): DockerfileResult {
  return {
    location: 'Dockerfile',
    stages: baseImages.map((baseImage, index) => ({
      index,
      baseImage,
      line: index + 1,
      final: index === baseImages.length - 1,
    })),
    baseImages,
    findings,
    parseErrors: [],
  };
}

function image(compressedBytes: number, findings: Finding[] = []): ImageResult {
  return {
    ref: 'localhost:5000/acme/app:1',
    digest: 'sha256:0',
    platform: 'linux/amd64',
    platforms: ['linux/amd64'],
    compressedBytes,
    layers: [],
    user: 'app',
    userIsRoot: false,
    rootKind: 'none',
    findings,
  };
}

describe('computeScore', () => {
  it('gives N/A, not zero, when nothing was scanned', () => {
    const score = computeScore({ dockerfiles: [], images: [] });
    expect(score.value).toBeNull();
    expect(score.grade).toBe('N/A');
    expect(score.categories.size.grade).toBe('N/A');
  });

  it('scores a clean Dockerfile-only entity A and says the size is judged without an image', () => {
    const score = computeScore({ dockerfiles: [dockerfile(['golang:1.21', 'scratch'])], images: [] });
    expect(score.grade).toBe('A');
    expect(score.categories.size.detail).toMatch(/no image scanned/);
  });

  it('lowers only the category a finding belongs to', () => {
    const score = computeScore({
      dockerfiles: [
        dockerfile(['node:18'], [finding({ category: 'security', severity: 'error' })]),
      ],
      images: [],
    });
    expect(score.categories.security.value).toBe(70);
    expect(score.categories.layers.value).toBe(100);
    expect(score.value).toBeLessThan(100);
  });

  it('judges a 950 MB Go image against the 20 MB Go budget', () => {
    const score = computeScore({
      dockerfiles: [dockerfile(['golang:1.21'])],
      images: [image(950 * MB)],
    });
    expect(score.categories.size.value).toBe(0);
    expect(score.categories.size.grade).toBe('F');
    expect(score.categories.size.detail).toMatch(/950 MB compressed against a 20\.0 MB go budget/);
    expect(score.categories.size.budgetBytes).toBe(20 * MB);
  });

  it('passes a 150 MB Node image within the 200 MB Node budget', () => {
    const score = computeScore({
      dockerfiles: [dockerfile(['node:18-alpine', 'node:18-alpine'])],
      images: [image(150 * MB)],
    });
    expect(score.categories.size.value).toBe(100);
  });

  it("judges against the entity's own budget instead of its language's", () => {
    const score = computeScore({
      dockerfiles: [dockerfile(['node:20-slim'])],
      images: [image(150 * MB)],
      sizeBudget: 100 * MB,
    });
    expect(score.categories.size.budgetBytes).toBe(100 * MB);
    expect(score.categories.size.value).toBeLessThan(100);
    expect(score.categories.size.detail).toMatch(/^150 MB compressed against a 100 MB the entity's own budget/);
  });

  it('takes budgets from configuration', () => {
    const score = computeScore({
      dockerfiles: [dockerfile(['python:3.11-slim'])],
      images: [image(150 * MB)],
      budgets: { python: 100 * MB },
    });
    expect(score.categories.size.value).toBeLessThan(100);
  });
});

describe('an entity with several Dockerfiles', () => {
  const warning = (ruleId: string) => finding({ ruleId, category: 'security', severity: 'warning' });
  const clean = { ...dockerfile(['golang:1.21', 'scratch']), location: 'services/api/Dockerfile' };
  const weak = {
    ...dockerfile(['node:18'], [finding({ category: 'security', severity: 'error' })]),
    location: 'services/web/Dockerfile',
  };

  it('takes the score of its worst Dockerfile, whatever the order', () => {
    const weakAlone = computeScore({ dockerfiles: [weak], images: [] });
    expect(computeScore({ dockerfiles: [clean, weak], images: [] })).toEqual(weakAlone);
    expect(computeScore({ dockerfiles: [weak, clean], images: [] })).toEqual(weakAlone);
    expect(weakAlone.value!).toBeLessThan(computeScore({ dockerfiles: [clean], images: [] }).value!);
  });

  it('does not add up one warning in each of many Dockerfiles into a worse grade', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map(name => ({
      ...dockerfile(['golang:1.21', 'scratch'], [warning(`rule-${name}`)]),
      location: `${name}/Dockerfile`,
    }));
    const one = computeScore({ dockerfiles: [many[0]], images: [] });
    expect(computeScore({ dockerfiles: many, images: [] }).value).toBe(one.value);
  });

  it("judges each Dockerfile with the entity's images", () => {
    const score = computeScore({ dockerfiles: [clean, weak], images: [image(950 * MB)] });
    expect(score.categories.size.grade).toBe('F');
    expect(score.categories.security.value).toBe(70);
  });

  it('ignores a Dockerfile with nothing to judge', () => {
    const unparsed = { ...dockerfile([]), location: 'broken/Dockerfile' };
    const score = computeScore({ dockerfiles: [unparsed, clean], images: [] });
    expect(score).toEqual(computeScore({ dockerfiles: [clean], images: [] }));
  });
});

describe('penalties', () => {
  it('counts a rule repeated on many lines at most double', () => {
    const repeated = Array.from({ length: 10 }, (_, i) =>
      finding({ ruleId: 'apt-no-install-recommends', category: 'size', severity: 'info', line: i + 1 }),
    );
    const score = computeScore({ dockerfiles: [dockerfile(['debian:bookworm'], repeated)], images: [] });
    expect(score.categories.size.value).toBe(90);
  });

  it('judges a Dockerfile-only Go build on golang:1.21 by its base image against the Go budget', () => {
    const result = {
      ...dockerfile(['golang:1.21']),
      finalBaseEstimate: { image: 'golang:1.21', compressedBytes: 300 * MB },
    };
    const score = computeScore({ dockerfiles: [result], images: [] });
    expect(score.categories.size.grade).toBe('F');
    expect(score.categories.size.detail).toMatch(/golang:1\.21 alone is about 300 MB against a 20\.0 MB go budget/);
    expect(score.categories.size.budgetBytes).toBe(20 * MB);
    expect(score.grade).not.toBe('A');
  });
});

describe('detectLanguage', () => {
  it.each([
    [['golang:1.21-alpine', 'scratch'], 'go'],
    [['docker.io/library/node:18'], 'node'],
    [['python:3.11-slim'], 'python'],
    [['eclipse-temurin:21-jre'], 'java'],
    [['rust:1.75', 'gcr.io/distroless/cc'], 'rust'],
    [['debian:bookworm'], 'default'],
  ])('%j is %s', (images, language) => {
    expect(detectLanguage(images)).toBe(language);
  });
});

describe('parseBytes', () => {
  it('reads config sizes in binary units', () => {
    expect(parseBytes('20MB')).toBe(20 * MB);
    expect(parseBytes('2GB')).toBe(2 * 1024 * MB);
    expect(parseBytes('500000')).toBe(500000);
    expect(() => parseBytes('twenty')).toThrow(/not a size/);
  });

  it('falls linearly to zero at four times the budget', () => {
    expect(sizeAgainstBudget(20, 20)).toBe(100);
    expect(sizeAgainstBudget(50, 20)).toBe(50);
    expect(sizeAgainstBudget(80, 20)).toBe(0);
  });
});
