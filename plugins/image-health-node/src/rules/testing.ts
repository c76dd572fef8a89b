/* eslint-disable jest/no-export -- shared helpers for the rules' one-line test cases */
import { shownFix } from './fixText';
import { parseDockerfile } from '../dockerfile/parse';
import type { Rule, RuleHit } from './types';

/** Runs one rule on a Dockerfile written inline (`\n` separated). */
export function hitsOf(
  rule: Rule,
  dockerfile: string,
  dockerignore?: string | null,
): RuleHit[] {
  return rule.check({ model: parseDockerfile(dockerfile), dockerignore });
}

/** The fixed lines a finding of `hit` (a hit on `dockerfile`) shows. */
export function shownAfter(
  dockerfile: string,
  hit: RuleHit,
): string | undefined {
  return shownFix(parseDockerfile(dockerfile), hit).after;
}

/** Whether `rule` raises anything on `dockerfile`. */
export function catches(
  rule: Rule,
  dockerfile: string,
  dockerignore?: string | null,
): boolean {
  return hitsOf(rule, dockerfile, dockerignore).length > 0;
}

/** Declares the catch / no-catch one-liners of a rule. */
export function describeRule(
  rule: Rule,
  cases: { catches: string[]; passes: string[] },
): void {
  describe(`${rule.id} (${rule.title})`, () => {
    it.each(cases.catches)('catches %j', dockerfile => {
      expect(catches(rule, dockerfile)).toBe(true);
    });
    it.each(cases.passes)('passes %j', dockerfile => {
      expect(catches(rule, dockerfile)).toBe(false);
    });
  });
}
