import { rule } from './apt-get-missing-yes';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN apt-get install curl',
    'FROM debian:12.5\nRUN apt-get update && apt-get install --no-install-recommends curl',
  ],
  passes: [
    'FROM debian:12.5\nRUN apt-get install -y curl',
    'FROM debian:12.5\nRUN apt-get -qq install curl',
    'FROM debian:12.5\nRUN apt-get install --yes curl',
    'FROM debian:12.5\nRUN apt-get -qy install curl',
  ],
});
