// Runs `image-health inspect` in a fresh process and reports its peak RSS:
// node bench/inspect-rss.cjs <args…>  →  prints {"code":…,"maxRssBytes":…} on stderr.
require('@backstage/cli/config/nodeTransform.cjs');
const {
  runInspect,
} = require('../plugins/image-health-node/src/cli/inspect.ts');

const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true; // the report itself is not what is measured
runInspect(process.argv.slice(2)).then(code => {
  process.stdout.write = write;
  process.stderr.write(
    `${JSON.stringify({
      code,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
  process.exit(code);
});
