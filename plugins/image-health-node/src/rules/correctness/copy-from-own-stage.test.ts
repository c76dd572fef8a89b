import { rule } from './copy-from-own-stage';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM debian:12 AS build\nCOPY --from=build /a /b'],
  passes: [
    'FROM debian:12 AS build\nFROM debian:12 AS run\nCOPY --from=build /a /b',
  ],
});
