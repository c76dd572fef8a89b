import { rule } from './stage-name-reserved';
import { describeRule } from '../testing';

// DL3063's documented cases, and the same names in another case.
describeRule(rule, {
  catches: [
    'FROM foo:bar AS scratch',
    'FROM foo:bar AS context',
    'FROM foo:bar AS Scratch',
  ],
  passes: [
    'FROM foo:bar AS foobar',
    'FROM scratch',
    'FROM foo:bar AS scratchpad',
  ],
});
