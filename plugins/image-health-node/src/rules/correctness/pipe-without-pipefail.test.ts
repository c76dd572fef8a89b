import { rule } from './pipe-without-pipefail';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN wget -O - https://some.site | wc -l > /number',
  ],
  passes: [
    'FROM debian:12.5\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l > /number',
    'FROM debian:12.5\nRUN set -o pipefail && wget -O - https://x | wc -l',
    'FROM debian:12.5\nRUN echo "a|b"',
    'FROM debian:12.5\nSHELL ["pwsh", "-c"]\nRUN Get-Foo | Out-File x',
  ],
});
