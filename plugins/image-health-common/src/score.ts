import type {
  CategoryScore,
  DockerfileResult,
  Finding,
  FindingCategory,
  Grade,
  ImageResult,
  Score,
  ScoreCategoryKey,
  Severity,
} from './report';

/**
 * The score model, documented in the README ("How the score is computed").
 *
 * Each of the five categories starts at 100 and loses points for every finding
 * in it, by severity. The size category is, when an image is known, the
 * smaller of that and the image's size against its language budget. A category
 * with nothing to judge is N/A and is left out of the weighted mean, so a
 * Dockerfile-only entity is scored on what applies.
 *
 * An entity with several Dockerfiles (a monorepo component, or several named
 * in its annotation) takes the score of its worst one, each judged alone with
 * the entity's images: the grade says how far the weakest image build is from
 * the guide, and ten clean Dockerfiles do not hide one bad one, nor do ten
 * Dockerfiles with one warning each add up to a failing grade.
 *
 * Policy findings (`imageHealth.policy`) take no points from a category: a
 * report with a policy error scores at most POLICY_SCORE_CAP (grade D),
 * so an image that breaks the organisation's rules never looks healthy.
 */

export type Language = 'go' | 'rust' | 'node' | 'python' | 'java' | 'default';

/** Size budgets in bytes per language (the seed guide's table). */
export type SizeBudgets = Record<Language, number>;

const MB = 1024 * 1024;

export const DEFAULT_BUDGETS: SizeBudgets = {
  go: 20 * MB,
  rust: 20 * MB,
  node: 200 * MB,
  python: 300 * MB,
  java: 150 * MB,
  default: 250 * MB,
};

export const CATEGORY_WEIGHTS: Record<ScoreCategoryKey, number> = {
  size: 0.3,
  layers: 0.15,
  baseImage: 0.2,
  security: 0.2,
  buildCache: 0.15,
};

/** Share of a category (in %) one finding of a rule takes away, by severity. */
export const SEVERITY_PENALTY: Record<Severity, number> = {
  error: 30,
  warning: 15,
  info: 5,
  style: 1,
};

/** Each repeat of the same rule in a category adds a quarter, up to double. */
const REPEAT_FACTOR = 0.25;
const MAX_REPEAT_MULTIPLIER = 2;

const CATEGORY_OF_FINDING: Record<FindingCategory, ScoreCategoryKey | undefined> =
  {
    size: 'size',
    layers: 'layers',
    'base-image': 'baseImage',
    security: 'security',
    'build-cache': 'buildCache',
    // Correctness findings are shown but do not move the score: they say
    // nothing about size or speed.
    correctness: undefined,
    // Policy findings cap the whole score instead (POLICY_SCORE_CAP).
    policy: undefined,
  };

/** The highest score of a report with a policy error: grade D at best. */
export const POLICY_SCORE_CAP = 69;

export function gradeOf(value: number | null): Grade {
  if (value === null) return 'N/A';
  if (value >= 90) return 'A';
  if (value >= 80) return 'B';
  if (value >= 70) return 'C';
  if (value >= 60) return 'D';
  if (value >= 50) return 'E';
  return 'F';
}

const LANGUAGE_PATTERNS: Array<[Language, RegExp]> = [
  ['go', /(^|\/)(golang|go)(:|@|$)|tinygo/],
  ['rust', /(^|\/)rust(:|@|$)/],
  ['node', /(^|\/)(node|bun|deno)(:|@|$)/],
  ['python', /(^|\/)(python|pypy)(:|@|$)/],
  [
    'java',
    /(^|\/)(openjdk|eclipse-temurin|amazoncorretto|maven|gradle|ibmjava|ibm-semeru-runtimes|sapmachine|tomcat|jetty)(:|@|$)/,
  ],
];

/** The language an image is built for, from the base images of its Dockerfile (all stages). */
export function detectLanguage(baseImages: string[]): Language {
  for (const [language, pattern] of LANGUAGE_PATTERNS) {
    if (baseImages.some(image => pattern.test(image.toLowerCase()))) {
      return language;
    }
  }
  return 'default';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** Parses "20MB", "1.5 GB", "500000" into bytes (binary units, as docker reports). */
export function parseBytes(text: string | number): number {
  if (typeof text === 'number') return text;
  const match = /^\s*([\d.]+)\s*([kmgt]?i?b?)?\s*$/i.exec(text);
  if (!match) throw new Error(`"${text}" is not a size; use e.g. 20MB or 2GB`);
  const unit = (match[2] ?? '').toLowerCase().replace(/i?b$/, '');
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[unit] ?? 0;
  return Math.round(parseFloat(match[1]) * 1024 ** power);
}

/**
 * 100 times the product of what each rule leaves: a warning leaves 85%, two
 * warnings of different rules 72%. A rule found on ten lines weighs double,
 * not ten times, so a long file is not punished for its length.
 */
function penaltyScore(findings: Finding[]): number {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  }
  let remaining = 1;
  for (const same of byRule.values()) {
    const worst = Math.max(...same.map(f => SEVERITY_PENALTY[f.severity]));
    const multiplier = Math.min(
      MAX_REPEAT_MULTIPLIER,
      1 + REPEAT_FACTOR * (same.length - 1),
    );
    remaining *= Math.max(0, 1 - (worst * multiplier) / 100);
  }
  return Math.round(100 * remaining);
}

/** 100 within budget, falling linearly to 0 at four times the budget. */
export function sizeAgainstBudget(bytes: number, budget: number): number {
  if (bytes <= budget) return 100;
  const over = (bytes - budget) / (3 * budget);
  return Math.max(0, Math.round(100 * (1 - over)));
}

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const bySeverity = new Map<Severity, number>();
  for (const f of findings) {
    bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  }
  return [...bySeverity.entries()]
    .map(([severity, count]) => `${count} ${severity}${count > 1 ? 's' : ''}`)
    .join(', ');
}

export interface ScoreInput {
  dockerfiles: DockerfileResult[];
  images: ImageResult[];
  budgets?: Partial<SizeBudgets>;
  /** The entity's own budget in bytes (annotation `image-health/size-budget`), instead of its language's. */
  sizeBudget?: number;
}

/** The budget the size category judges against, and how to name it. */
function budgetFor(
  input: ScoreInput,
  budgets: SizeBudgets,
  baseImages: string[],
): { budget: number; name: string } {
  if (input.sizeBudget !== undefined)
    return { budget: input.sizeBudget, name: "the entity's own" };
  const language = detectLanguage(baseImages);
  return { budget: budgets[language], name: language };
}

/** The entity's score: its worst Dockerfile's, each judged alone with the entity's images. */
export function computeScore(input: ScoreInput): Score {
  if (input.dockerfiles.length <= 1) return scoreOf(input);
  const each = input.dockerfiles.map(dockerfile => scoreOf({ ...input, dockerfiles: [dockerfile] }));
  return each.reduce((worst, score) =>
    score.value !== null && (worst.value === null || score.value < worst.value) ? score : worst,
  );
}

function scoreOf(input: ScoreInput): Score {
  const budgets = { ...DEFAULT_BUDGETS, ...input.budgets };
  const findings = [
    ...input.dockerfiles.flatMap(d => d.findings),
    ...input.images.flatMap(i => i.findings),
  ];
  const hasDockerfile = input.dockerfiles.some(d => d.stages.length > 0);
  const hasImage = input.images.length > 0;

  const categories = {} as Record<ScoreCategoryKey, CategoryScore>;
  for (const key of Object.keys(CATEGORY_WEIGHTS) as ScoreCategoryKey[]) {
    const inCategory = findings.filter(f => CATEGORY_OF_FINDING[f.category] === key);
    let value: number | null = hasDockerfile || hasImage ? penaltyScore(inCategory) : null;
    let detail = value === null ? 'nothing scanned' : describeFindings(inCategory);
    let budgetBytes: number | undefined;

    if (key === 'size' && hasImage) {
      const { budget, name } = budgetFor(input, budgets, [
        ...input.dockerfiles.flatMap(d => d.baseImages),
        ...input.images.flatMap(i => (i.baseImage ? [i.baseImage] : [])),
      ]);
      const largest = Math.max(...input.images.map(i => i.compressedBytes));
      budgetBytes = budget;
      const budgetValue = sizeAgainstBudget(largest, budget);
      value = Math.min(value ?? 100, budgetValue);
      detail = `${formatBytes(largest)} compressed against a ${formatBytes(budget)} ${name} budget; ${detail}`;
    } else if (key === 'size' && value !== null) {
      const estimate = input.dockerfiles.find(d => d.finalBaseEstimate)?.finalBaseEstimate;
      if (estimate) {
        const { budget, name } = budgetFor(
          input,
          budgets,
          input.dockerfiles.flatMap(d => d.baseImages),
        );
        budgetBytes = budget;
        value = Math.min(value, sizeAgainstBudget(estimate.compressedBytes, budget));
        detail = `no image scanned; the final stage's base ${estimate.image} alone is about ${formatBytes(estimate.compressedBytes)} against a ${formatBytes(budget)} ${name} budget; ${detail}`;
      } else {
        detail = `no image scanned, judged on the Dockerfile only; ${detail}`;
      }
    }
    categories[key] = {
      value,
      grade: gradeOf(value),
      weight: CATEGORY_WEIGHTS[key],
      detail,
      ...(budgetBytes === undefined ? {} : { budgetBytes }),
    };
  }

  const scored = Object.values(categories).filter(c => c.value !== null);
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
  const mean =
    totalWeight === 0
      ? null
      : Math.round(
          scored.reduce((sum, c) => sum + (c.value as number) * c.weight, 0) /
            totalWeight,
        );
  const policyErrors = findings.filter(
    f => f.category === 'policy' && f.severity === 'error',
  ).length;
  if (mean !== null && policyErrors > 0 && mean > POLICY_SCORE_CAP) {
    return {
      value: POLICY_SCORE_CAP,
      grade: gradeOf(POLICY_SCORE_CAP),
      categories,
      cappedBy: `${policyErrors} policy violation${
        policyErrors > 1 ? 's' : ''
      }: capped at ${POLICY_SCORE_CAP} from ${mean}`,
    };
  }
  return { value: mean, grade: gradeOf(mean), categories };
}
