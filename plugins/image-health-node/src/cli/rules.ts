import { parseArgs } from 'node:util';
import {
  FINDING_CATEGORIES,
  type RuleInfo,
} from '@image-health/plugin-image-health-common';
import { listRules } from '../dockerfile/ruleCatalogue';
import { listImageRules } from '../rules/image';
import { CliInputError, type CliIO } from './io';

const FORMATS = ['text', 'json', 'markdown'] as const;

/** A rule and what it reads: the Dockerfile, or the built image. */
export type CatalogueEntry = RuleInfo & { reads: 'Dockerfile' | 'image' };

/** Every rule of the engine, Dockerfile rules first, each group by category. */
export function ruleCatalogue(): CatalogueEntry[] {
  return [
    ...byCategory(listRules()).map(r => ({
      ...r,
      reads: 'Dockerfile' as const,
    })),
    ...byCategory(listImageRules()).map(r => ({
      ...r,
      reads: 'image' as const,
    })),
  ];
}

function byCategory(rules: RuleInfo[]): RuleInfo[] {
  return [...rules].sort(
    (a, b) =>
      FINDING_CATEGORIES.indexOf(a.category) -
        FINDING_CATEGORIES.indexOf(b.category) || a.id.localeCompare(b.id),
  );
}

/** The rule catalogue as the Markdown table the engine's README carries. */
export function rulesMarkdown(
  rules: CatalogueEntry[] = ruleCatalogue(),
): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = rules.map(
    r =>
      `| \`${r.id}\` | ${r.reads} | ${r.category} | ${r.severity} | ${
        r.equivalents.length ? r.equivalents.join(', ') : '–'
      } | ${cell(r.title)} |`,
  );
  return [
    `| rule | reads | category | severity | peer ids | what it finds |`,
    `|---|---|---|---|---|---|`,
    ...rows,
  ].join('\n');
}

/** `image-health rules`: the rule catalogue, with the peer ids each rule answers to. */
export async function runRules(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliInputError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout('usage: image-health rules [--format text|json|markdown]\n');
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new CliInputError(
      `--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`,
    );
  const rules = ruleCatalogue();
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
  } else if (format === 'markdown') {
    io.stdout(`${rulesMarkdown(rules)}\n`);
  } else {
    const width = Math.max(...rules.map(r => r.id.length));
    for (const r of rules) {
      const peers = r.equivalents.length
        ? ` (${r.equivalents.join(', ')})`
        : '';
      io.stdout(
        `${r.id.padEnd(width)}  ${r.reads.padEnd(10)}  ${r.category.padEnd(
          11,
        )}  ${r.severity.padEnd(7)}  ${r.title}${peers}\n`,
      );
    }
  }
  return 0;
}
