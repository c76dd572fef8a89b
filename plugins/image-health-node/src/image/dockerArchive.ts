import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  MEDIA_TYPES,
  RegistryError,
  sha256Digest,
  type Descriptor,
  type ImageConfig,
  type ImageManifest,
  type LocalReference,
} from '../registry';
import {
  localError,
  resolvedImage,
  type ImageSource,
  type ResolvedImage,
} from './sources';

interface ArchiveMember {
  offset: number;
  size: number;
}

/** Offsets of the members of a tar file, read header by header (contents are not read). */
async function indexTarFile(path: string): Promise<Map<string, ArchiveMember>> {
  const members = new Map<string, ArchiveMember>();
  const handle = await open(path, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const header = Buffer.alloc(512);
    let offset = 0;
    let longName: string | undefined;
    while (offset + 512 <= fileSize) {
      await handle.read(header, 0, 512, offset);
      if (header.every(b => b === 0)) break;
      const cstr = (start: number, len: number) => {
        const end = header.indexOf(0, start);
        return header.toString(
          'utf8',
          start,
          end < 0 || end > start + len ? start + len : end,
        );
      };
      const size = parseInt(cstr(124, 12).trim() || '0', 8);
      const type = String.fromCharCode(header[156] || 0x30);
      let name = cstr(0, 100);
      if (header.toString('ascii', 257, 263) === 'ustar\u0000' && header[345])
        name = `${cstr(345, 155)}/${name}`;
      const dataOffset = offset + 512;
      if (type === 'L' || type === 'x') {
        const data = Buffer.alloc(size);
        await handle.read(data, 0, size, dataOffset);
        if (type === 'L')
          longName = data.toString('utf8').replace(/\0.*$/s, '');
        else {
          const m = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
          if (m) longName = m[1];
        }
      } else {
        if (longName) name = longName;
        longName = undefined;
        if (type === '0' || type === '\u0000')
          members.set(name.replace(/^\.\//, ''), { offset: dataOffset, size });
      }
      offset = dataOffset + Math.ceil(size / 512) * 512;
    }
  } finally {
    await handle.close();
  }
  return members;
}

/** A `docker save` / `buildah push docker-archive:` tarball (`docker-archive:<file>`). */
export class DockerArchiveSource implements ImageSource {
  readonly name: string;
  private members?: Map<string, ArchiveMember>;
  private layerMembers = new Map<string, ArchiveMember>();

  constructor(private readonly ref: LocalReference) {
    this.name = `docker-archive:${ref.path}`;
  }

  private async member(name: string): Promise<ArchiveMember> {
    if (!this.members) {
      try {
        this.members = await indexTarFile(this.ref.path);
      } catch (error) {
        throw localError(
          this.name,
          `cannot be read (${(error as Error).message})`,
        );
      }
    }
    const found = this.members.get(name);
    if (!found)
      throw localError(
        this.name,
        `has no ${name}: is it a docker save archive?`,
      );
    return found;
  }

  private async readMember(name: string): Promise<Buffer> {
    const { offset, size } = await this.member(name);
    const handle = await open(this.ref.path, 'r');
    try {
      const buf = Buffer.alloc(size);
      await handle.read(buf, 0, size, offset);
      return buf;
    } finally {
      await handle.close();
    }
  }

  async resolve(): Promise<ResolvedImage> {
    let entries: Array<{
      Config: string;
      RepoTags?: string[];
      Layers: string[];
    }>;
    try {
      entries = JSON.parse(
        (await this.readMember('manifest.json')).toString('utf8'),
      );
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      throw localError(this.name, 'manifest.json is not JSON');
    }
    const entry = entries?.[0];
    if (!entry?.Config || !Array.isArray(entry.Layers))
      throw localError(this.name, 'manifest.json lists no image');
    const configBytes = await this.readMember(entry.Config);
    const config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
    const configDigest = sha256Digest(configBytes);
    const diffIds = config.rootfs?.diff_ids ?? [];
    const layers: Descriptor[] = [];
    for (const [i, name] of entry.Layers.entries()) {
      const member = await this.member(name);
      const blobName = /blobs\/sha256\/([a-f0-9]{64})$/.exec(name);
      // Legacy archives store layers uncompressed: their digest is the diff_id.
      const digest = blobName ? `sha256:${blobName[1]}` : diffIds[i] ?? '';
      layers.push({
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar',
        digest,
        size: member.size,
      });
      this.layerMembers.set(digest, member);
    }
    const manifest: ImageManifest = {
      kind: 'manifest',
      mediaType: MEDIA_TYPES.dockerManifest,
      config: {
        mediaType: MEDIA_TYPES.dockerConfig,
        digest: configDigest,
        size: configBytes.length,
      },
      layers,
    };
    return resolvedImage(configDigest, configDigest, manifest, config, []);
  }

  async openBlob(layer: Descriptor): Promise<Readable> {
    const member = this.layerMembers.get(layer.digest);
    if (!member) throw localError(this.name, `has no layer ${layer.digest}`);
    if (member.size === 0) return Readable.from([]);
    return createReadStream(this.ref.path, {
      start: member.offset,
      end: member.offset + member.size - 1,
      highWaterMark: 256 * 1024,
    });
  }
}
