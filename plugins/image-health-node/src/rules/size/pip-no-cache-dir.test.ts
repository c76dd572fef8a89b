import { rule } from './pip-no-cache-dir';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM python:3.12\nRUN pip install flask==3.0.0',
    'FROM python:3.12\nRUN python3 -m pip install -r requirements.txt',
  ],
  passes: [
    'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.0',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask',
    'FROM python:3.12\nRUN pip download flask',
  ],
});
