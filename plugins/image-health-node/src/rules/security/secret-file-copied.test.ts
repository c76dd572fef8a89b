import { rule } from './secret-file-copied';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCOPY id_rsa /root/.ssh/id_rsa',
    'FROM debian:12.5\nCOPY .env /app/',
    'FROM debian:12.5\nADD certs/server.key /etc/ssl/',
  ],
  passes: [
    'FROM debian:12.5\nCOPY app.py /app/',
    'FROM debian:12.5\nCOPY --from=build /app/.env.example /app/',
  ],
});
