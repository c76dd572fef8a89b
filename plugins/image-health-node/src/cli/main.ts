import { processIO, type CliIO } from './io';
import { runLint } from './lint';
import { runRules } from './rules';

const USAGE = `usage: image-health <command> …
  lint <Dockerfile…> [--format <format>] [--fail-on error|warning|info|style|none] [--config file] [--fix]
  inspect <image-ref> [--deep] [--platform os/arch] [--format <format>] [--fail-on …] [--max-size 200MB] [--min-efficiency 0-1] [--max-wasted-bytes 20MB] [--max-wasted-percent 0-1] [--insecure-registry host]
  scan --dockerfile <path>… --image <ref>… [--format <format>] [--fail-on …] [--min-score 0-100] [--min-category size=80,…] [--max-size …] [--min-efficiency …] [--max-wasted-bytes …] [--max-wasted-percent …] [--deep]
  compare <a> <b> [--deep] [--format text|json|markdown]   two Dockerfiles or images (or one of each): sizes, layers, findings fixed and introduced
  rules [--format text|json|markdown]   the rule catalogue with the hadolint/Trivy/dockle ids each rule answers to
formats: tty (default; colour on a terminal), json, sarif, checkstyle, codeclimate, gitlab_codeclimate, junit, github
config: --config file, else .hadolint.yaml/.hadolint.yml as hadolint finds it; .dive-ci in the working directory (scan, inspect)
exit codes: 0 below the threshold, 1 findings at or above --fail-on or a threshold failed, 2 usage or input error
`;

/** The `image-health` CLI: dispatches to its commands; returns the exit code. */
export async function main(
  argv: string[],
  io: CliIO = processIO,
): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'lint':
        return await runLint(args, io);
      case 'rules':
        return await runRules(args, io);
      case 'inspect': {
        // Loaded only when asked for: the registry client is not needed to lint.
        // (require, not import(): jest's VM, where the CLI tests run, has no dynamic import.)
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { runInspect } =
          require('./inspect') as typeof import('./inspect');
        return await runInspect(args, io);
      }
      case 'scan': {
        // Also loaded only when asked for: it needs the registry client too.
        const { runScan } = await import('./scan');
        return await runScan(args, io);
      }
      case 'compare': {
        const { runCompare } = await import('./compare');
        return await runCompare(args, io);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(
          `image-health: unknown command "${command}" (try lint, inspect, scan, compare or rules)\n`,
        );
        return 2;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`image-health ${command}: ${message.split('\n')[0]}\n`);
    // Usage and input errors are expected; anything else is still a failure to run.
    return 2;
  }
}
