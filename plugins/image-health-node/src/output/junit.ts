import {
  locatedIssues,
  messageWithFix,
  pathOf,
  PARSE_ERROR_ID,
} from './located';
import type { LocatedIssue, OutputInput } from './types';
import { xmlText } from './xml';

interface Suite {
  name: string;
  cases: string[];
  failures: number;
  errors: number;
}

function testCase(issue: LocatedIssue, classname: string): string {
  const name = `${issue.ruleId}${issue.line ? ` line ${issue.line}` : ''}`;
  const element = issue.ruleId === PARSE_ERROR_ID ? 'error' : 'failure';
  const where = issue.file
    ? `${issue.file}:${issue.line ?? 1}`
    : issue.image ?? '';
  return [
    `    <testcase name="${xmlText(name)}" classname="${xmlText(
      classname,
    )}" time="0">`,
    `      <${element} message="${xmlText(messageWithFix(issue))}" type="${
      issue.severity
    }">${xmlText(`${where} ${issue.severity} ${issue.ruleId}`)}</${element}>`,
    '    </testcase>',
  ].join('\n');
}

/**
 * `junit`: JUnit XML (the Ant schema CI servers read): a test suite per
 * Dockerfile or image, a failed test case per finding, one passed case for
 * a file without findings, and a `thresholds` suite when a threshold failed.
 */
export function writeJunit(input: OutputInput): string {
  const suites = new Map<string, Suite>();
  const suiteOf = (name: string) => {
    let suite = suites.get(name);
    if (!suite) {
      suite = { name, cases: [], failures: 0, errors: 0 };
      suites.set(name, suite);
    }
    return suite;
  };
  for (const result of input.dockerfiles) suiteOf(result.location);
  for (const image of input.images) suiteOf(image.ref);
  for (const issue of locatedIssues(input)) {
    const suite = suiteOf(pathOf(issue));
    suite.cases.push(testCase(issue, suite.name));
    if (issue.ruleId === PARSE_ERROR_ID) suite.errors++;
    else suite.failures++;
  }
  if (input.failures.length) {
    const suite = suiteOf('thresholds');
    for (const failure of input.failures) {
      suite.cases.push(
        [
          `    <testcase name="${xmlText(
            failure,
          )}" classname="thresholds" time="0">`,
          `      <failure message="${xmlText(
            failure,
          )}" type="threshold"></failure>`,
          '    </testcase>',
        ].join('\n'),
      );
      suite.failures++;
    }
  }
  // The schema wants a timestamp without a zone; it is UTC.
  const timestamp = new Date().toISOString().slice(0, 19);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  [...suites.values()].forEach((suite, id) => {
    if (suite.cases.length === 0)
      suite.cases.push(
        `    <testcase name="no findings" classname="${xmlText(
          suite.name,
        )}" time="0"/>`,
      );
    lines.push(
      `  <testsuite name="${xmlText(
        suite.name,
      )}" package="image-health" id="${id}" tests="${
        suite.cases.length
      }" failures="${suite.failures}" errors="${
        suite.errors
      }" time="0" timestamp="${timestamp}" hostname="localhost">`,
      '    <properties/>',
      ...suite.cases,
      '    <system-out/>',
      '    <system-err/>',
      '  </testsuite>',
    );
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
