import { rule } from './pip-no-cache-dir';
import { describeRule } from '../testing';

// DL3042's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM python:3.12\nRUN pip install flask==3.0.0',
    'FROM python:3.12\nRUN pip2 install six',
    'FROM python:3.12\nRUN pip3 install six',
    'FROM python:3.12\nRUN python3 -m pip install -r requirements.txt',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install six',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN pip install six',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip install six',
    'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=no pip install six',
    'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=0 && pip install six',
    'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install six',
    'FROM python:3.12\nONBUILD RUN pip install six',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install six',
  ],
  passes: [
    // hadolint matches command names as written.
    'FROM python:3.12\nRUN /opt/venv/bin/pip install flask',
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.0',
    'FROM python:3.12\nRUN pip3 install six --no-cache-dir',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=yes\nRUN pip install flask',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=on\nRUN pip install flask',
    'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=true pip install six',
    'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install six',
    'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask',
    'FROM python:3.12\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask',
    'FROM python:3.12\nRUN pipx install black',
    'FROM python:3.12\nRUN pipenv install requests',
    'FROM python:3.12\nRUN pip download flask',
  ],
});
