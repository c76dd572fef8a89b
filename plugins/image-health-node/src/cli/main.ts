import { processIO, type CliIO } from './io';
import { runLint } from './lint';
import { runRules } from './rules';

const USAGE = `usage: image-health <command> …
  lint <Dockerfile…> [--format text|json|sarif] [--fail-on error|warning|info|style|none] [--config file] [--fix]
  inspect <image-ref> [--deep] [--platform os/arch] [--format text|json] [--insecure-registry host]
  scan --dockerfile <path>… --image <ref>… [--format text|json] [--fail-on …] [--min-score 0-100] [--deep]
  rules [--format text|json|markdown]   the rule catalogue with the hadolint/Trivy/dockle ids each rule answers to
exit codes: 0 below the threshold, 1 findings at or above --fail-on, 2 usage or input error
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
        const { runInspect } = await import('./inspect');
        return await runInspect(args);
      }
      case 'scan': {
        // Also loaded only when asked for: it needs the registry client too.
        const { runScan } = await import('./scan');
        return await runScan(args, io);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(
          `image-health: unknown command "${command}" (try lint, inspect, scan or rules)\n`,
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
