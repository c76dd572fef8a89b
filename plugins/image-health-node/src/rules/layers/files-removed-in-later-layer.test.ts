import { rule } from './files-removed-in-later-layer';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nCOPY app.tar.gz /tmp/app.tar.gz\nRUN tar xzf /tmp/app.tar.gz && rm /tmp/app.tar.gz',
    'FROM debian:12.5\nRUN curl -o /tmp/x.zip https://e.x/x.zip\nRUN rm /tmp/x.zip',
    'FROM debian:12.5\nCOPY big.bin /opt/\nRUN rm /opt/big.bin',
  ],
  passes: [
    'FROM debian:12.5\nRUN curl -o /tmp/x.zip https://e.x/x.zip && unzip /tmp/x.zip && rm /tmp/x.zip',
    'FROM debian:12.5\nCOPY a /a\nRUN rm /b',
  ],
});
