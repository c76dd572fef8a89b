import { rule } from './user-non-numeric';
import { describeRule } from '../testing';

// DL3066's documented cases.
describeRule(rule, {
  catches: [
    'FROM foo:bar\nUSER foobar',
    'FROM foo:bar\nUSER foobar:barfoo',
    'FROM foo:bar AS build\nUSER 1234\nFROM foobar:barfoo\nUSER foobar',
    'FROM foo:bar\nUSER 1234\nUSER foobar',
    'FROM foo:bar\nUSER 1234:staff',
    'FROM foo:bar\nUSER $UNDECLARED',
  ],
  passes: [
    'FROM foo:bar\nUSER 1234',
    'FROM foo:bar\nUSER 1234:5678',
    'ARG APP_UID\nFROM foobar:barfoo\nUSER ${APP_UID}',
    'FROM foo:bar AS build\nUSER foobar\nFROM foobar:barfoo\nUSER 1234',
    'FROM foo:bar\nUSER foobar\nUSER 1234',
    'FROM foo:bar\nARG UID=10001\nUSER $UID',
    'FROM foo:bar',
  ],
});
