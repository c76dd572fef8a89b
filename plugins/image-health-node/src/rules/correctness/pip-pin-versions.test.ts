import { rule } from './pip-pin-versions';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM python:3\nRUN pip install flask',
    'FROM python:3\nRUN pip install --no-cache-dir -r req.txt flask',
  ],
  passes: [
    'FROM python:3\nRUN pip install flask==3.0.0',
    'FROM python:3\nRUN pip install -r requirements.txt',
    'FROM python:3\nRUN pip install .',
    'FROM python:3\nRUN pip install "flask>=3,<4"',
    'FROM python:3\nRUN pip install git+https://github.com/x/y',
  ],
});
