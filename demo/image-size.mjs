// Prints the uncompressed size in bytes (what `docker images` calls SIZE) of
// an image in the demo's storage: the sum of its layer chain's diff sizes.
// usage: node image-size.mjs <storage graphroot> <driver> <image name>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [graphroot, driver, name] = process.argv.slice(2);
const images = JSON.parse(readFileSync(join(graphroot, `${driver}-images/images.json`), 'utf8'));
const layers = new Map(
  JSON.parse(readFileSync(join(graphroot, `${driver}-layers/layers.json`), 'utf8')).map(l => [l.id, l]),
);
const image = images.find(i => (i.names ?? []).includes(name));
if (!image) {
  console.error(`no local image named ${name}`);
  process.exit(2);
}
let bytes = 0;
for (let id = image.layer; id; id = layers.get(id)?.parent) bytes += layers.get(id)?.['diff-size'] ?? 0;
console.log(bytes);
