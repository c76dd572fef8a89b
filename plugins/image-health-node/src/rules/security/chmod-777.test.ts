import { rule } from './chmod-777';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN chmod 777 /app',
    'FROM debian:12.5\nRUN chmod -R a+w /data',
    'FROM debian:12.5\nCOPY --chmod=777 run.sh /',
  ],
  passes: [
    'FROM debian:12.5\nRUN chmod 755 /app',
    'FROM debian:12.5\nRUN chmod 1777 /tmp',
    'FROM debian:12.5\nRUN chmod +x run.sh',
  ],
});
