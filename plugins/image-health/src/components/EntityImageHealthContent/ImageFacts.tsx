import {
  Box,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import {
  formatBytes,
  type ImageResult,
} from '@image-health/plugin-image-health-common';
import { formatAge, formatTimestamp, percent, shortDigest } from '../common';
import { LayerChart } from './LayerChart';

const Fact = ({
  label,
  children,
}: {
  label: string;
  children: React.ReactNode;
}) => (
  <Grid item xs={6} sm={4} md={3}>
    <Typography variant="overline" component="dt" color="textSecondary">
      {label}
    </Typography>
    <Typography
      variant="body1"
      component="dd"
      style={{ margin: 0, wordBreak: 'break-word' }}
    >
      {children}
    </Typography>
  </Grid>
);

function userText(image: ImageResult): string {
  if (!image.userIsRoot) return image.user || 'non-root';
  return image.rootKind === 'implicit'
    ? 'root (implicit: no USER instruction)'
    : `root (explicit: USER ${image.user || 'root'})`;
}

function baseImageText(image: ImageResult): string {
  if (!image.baseImage) return 'unknown';
  const parts = [image.baseImage];
  if (image.baseImageShare !== undefined) {
    parts.push(`${percent(image.baseImageShare, 1)} of the size`);
  }
  if (image.baseImageOutdated) {
    parts.push('a newer base digest exists');
  }
  return parts.join(' · ');
}

function ageText(image: ImageResult): React.ReactNode {
  if (!image.createdAt) return 'unknown';
  return (
    <time dateTime={image.createdAt} title={formatTimestamp(image.createdAt)}>
      {image.ageDays !== undefined
        ? `${image.ageDays} day${image.ageDays === 1 ? '' : 's'}`
        : formatAge(image.createdAt)}
    </time>
  );
}

/** What the registry says about one image, and its layers as a chart. */
export const ImageFacts = ({ image }: { image: ImageResult }) => (
  <InfoCard
    title={image.ref}
    subheader={`${image.platform} · ${shortDigest(image.digest)}`}
  >
    <Grid container spacing={2} component="dl" style={{ margin: 0 }}>
      <Fact label="Compressed size">{formatBytes(image.compressedBytes)}</Fact>
      <Fact label="Uncompressed size">
        {image.uncompressedBytes !== undefined
          ? formatBytes(image.uncompressedBytes)
          : 'not measured'}
      </Fact>
      <Fact label="Layers">
        {image.layers.filter(layer => !layer.emptyLayer).length}
      </Fact>
      <Fact label="Base image">{baseImageText(image)}</Fact>
      <Fact label="User">{userText(image)}</Fact>
      <Fact label="Platforms">
        {image.platforms.length ? image.platforms.join(', ') : image.platform}
      </Fact>
      <Fact label="Age">{ageText(image)}</Fact>
      {image.efficiency !== undefined && (
        <Fact label="Efficiency">
          {percent(
            image.efficiency <= 1 ? image.efficiency : image.efficiency / 100,
            1,
          )}
        </Fact>
      )}
      {image.wastedBytes !== undefined && (
        <Fact label="Wasted">{formatBytes(image.wastedBytes)}</Fact>
      )}
      {image.reclaimableBytes !== undefined && (
        <Fact label="Reclaimable">{formatBytes(image.reclaimableBytes)}</Fact>
      )}
      {image.exposedPorts && image.exposedPorts.length > 0 && (
        <Fact label="Exposed ports">{image.exposedPorts.join(', ')}</Fact>
      )}
      <Fact label="Healthcheck">{image.healthcheck ?? 'none'}</Fact>
      {image.secretEnvNames && image.secretEnvNames.length > 0 && (
        <Fact label="Secret-looking ENV">
          {image.secretEnvNames.join(', ')}
        </Fact>
      )}
    </Grid>
    {image.deepAnalysis && !image.deepAnalysis.complete && (
      <Typography variant="body2" color="textSecondary">
        Deep analysis incomplete
        {image.deepAnalysis.reason ? `: ${image.deepAnalysis.reason}` : ''}.
      </Typography>
    )}
    <Box mt={2}>
      <LayerChart layers={image.layers} />
    </Box>
    {image.largestFiles && image.largestFiles.length > 0 && (
      <Box mt={2}>
        <Typography variant="subtitle2" component="h4">
          Largest files
        </Typography>
        <Table size="small" aria-label="Largest files">
          <TableHead>
            <TableRow>
              <TableCell>Path</TableCell>
              <TableCell align="right">Size</TableCell>
              <TableCell>Layer</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {image.largestFiles.slice(0, 10).map(file => (
              <TableRow key={`${file.layer}:${file.path}`}>
                <TableCell style={{ fontFamily: 'monospace' }}>
                  {file.path}
                </TableCell>
                <TableCell align="right">{formatBytes(file.bytes)}</TableCell>
                <TableCell>{shortDigest(file.layer)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    )}
  </InfoCard>
);
