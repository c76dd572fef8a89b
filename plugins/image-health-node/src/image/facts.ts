import type { Layer } from '@image-health/plugin-image-health-common';
import type { ImageFacts, LinkedDockerfile } from '../rules/image';
import type { BaseMatch } from './baseImage';
import type { ConfigFacts } from './config';
import type { DeepResult } from './deep';
import { envInstruction, instructionForHistory } from './dockerfileLink';

/** What the inspector read of one image, before the rules judge it. */
export interface ImageReading {
  /** The image as messages name it. */
  name: string;
  config: ConfigFacts;
  /** Every history line with the layer it made (see layerList). */
  layers: Layer[];
  base: BaseMatch;
  deep?: DeepResult;
  dockerfile?: LinkedDockerfile;
}

/** The facts the image rules read, from what the inspector gathered. */
export function imageFacts(reading: ImageReading): ImageFacts {
  const { config, base, deep, dockerfile } = reading;
  const filesystemLayers = reading.layers.filter(l => !l.emptyLayer);
  let deepFacts: ImageFacts['deep'];
  if (deep?.failure) deepFacts = { complete: false, failure: deep.failure };
  else if (deep?.tree)
    deepFacts = { complete: true, tree: deep.tree, files: deep.tree.facts };
  return {
    name: reading.name,
    user: config.user,
    userIsRoot: config.userIsRoot,
    rootKind: config.rootKind,
    secretEnvNames: config.secretEnvNames,
    healthcheck: config.healthcheck,
    baseImage: base.baseImage,
    baseImageOutdated: base.baseImageOutdated,
    layerDigests: filesystemLayers.map(l => l.digest),
    deep: deepFacts,
    dockerfile,
    instructionForLayer: layer =>
      dockerfile
        ? instructionForHistory(
            dockerfile.model,
            filesystemLayers[layer]?.createdBy ?? '',
          )
        : undefined,
    envInstruction: name =>
      dockerfile ? envInstruction(dockerfile.model, name) : undefined,
  };
}
