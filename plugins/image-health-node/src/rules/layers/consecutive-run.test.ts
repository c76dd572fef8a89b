import { rule } from './consecutive-run';
import { describeRule } from '../testing';

// DL3059's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM debian:12.5\nRUN /foo.sh\nRUN /bar.sh',
    'FROM debian:12.5\nRUN a\n# comment\nRUN b',
    'FROM debian:12.5\nRUN a\n# one comment\n# another comment\nRUN b',
    'FROM debian:12.5\nRUN --mount=type=secret,id=npm a\nRUN --mount=type=secret,id=npm b',
    'FROM debian:12.5\nRUN a && b\nRUN c\nRUN d',
  ],
  passes: [
    // hadolint reads a RUN as POSIX shell whatever the SHELL: `;` chains (DL3059Spec "commands are chained 2").
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN New-Item -Path C:/app -Type Directory; Set-Location C:/app\nRUN Write-Host done',
    'FROM debian:12.5',
    'FROM debian:12.5\nRUN a',
    '# a comment\nFROM debian:12.5\nRUN a',
    'FROM debian:12.5\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh',
    'FROM debian:12.5\nRUN --mount=type=secret,id=npm a\nRUN b',
    'FROM debian:12.5\nRUN --mount=type=secret,id=npm a\nRUN --mount=type=secret,id=pip b',
    'FROM debian:12.5\nRUN --mount=type=cache,target=/x a\nRUN b',
    'FROM debian:12.5\nRUN a && b\nRUN c',
    'FROM debian:12.5\nRUN a; b\nRUN c',
    'FROM debian:12.5\nRUN c\nRUN a && b',
    'FROM debian:12.5\nRUN c\nRUN a; b',
    'FROM debian:12.5\nRUN a && b\nRUN c; d',
    'FROM debian:12.5\nRUN a && b && c\nRUN d',
  ],
});
