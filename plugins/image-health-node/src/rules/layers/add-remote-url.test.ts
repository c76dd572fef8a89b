import { rule } from './add-remote-url';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: ['FROM debian:12.5\nADD https://example.com/tool.tar.gz /opt/'],
  passes: [
    'FROM debian:12.5\nADD --checksum=sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee https://example.com/tool.tar.gz /opt/',
    'FROM debian:12.5\nADD tool.tar.gz /opt/',
  ],
});
