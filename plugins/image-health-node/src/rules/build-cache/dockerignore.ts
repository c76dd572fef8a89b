import type { DockerfileModel } from '../../dockerfile/model';
import { argumentsOf } from '../support';
import { isBroadCopy } from './dependencies';

/** The first COPY/ADD of the whole build context, if any. */
export function broadCopyOf(model: DockerfileModel) {
  return model.instructions.find(
    i =>
      (i.keyword === 'COPY' || i.keyword === 'ADD') &&
      !i.flags.some(f => f.name === 'from') &&
      isBroadCopy(argumentsOf(i, { unquoted: true }).slice(0, -1)),
  );
}
