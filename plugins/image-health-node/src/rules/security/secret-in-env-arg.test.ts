import { rule } from './secret-in-env-arg';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nENV DB_PASSWORD=hunter2',
    'FROM debian:12.5\nARG GITHUB_TOKEN',
    'FROM debian:12.5\nENV AWS_SECRET_ACCESS_KEY x',
  ],
  passes: [
    'FROM debian:12.5\nENV GPG_KEY=ABCDEF',
    'FROM debian:12.5\nARG NODE_VERSION=20',
    'FROM debian:12.5\nENV PASSWORD_FILE=/run/secrets/db',
  ],
});
