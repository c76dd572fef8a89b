import { Box, Grid, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import {
  formatBytes,
  type ImageResult,
} from '@image-health/plugin-image-health-common';
import { formatAge, formatTimestamp, shortDigest } from '../common';
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
      <Fact label="Base image">{image.baseImage ?? 'unknown'}</Fact>
      <Fact label="User">{userText(image)}</Fact>
      <Fact label="Platforms">
        {image.platforms.length ? image.platforms.join(', ') : image.platform}
      </Fact>
      <Fact label="Built">
        {image.createdAt ? (
          <time
            dateTime={image.createdAt}
            title={formatTimestamp(image.createdAt)}
          >
            {formatAge(image.createdAt)}
          </time>
        ) : (
          'unknown'
        )}
      </Fact>
      {image.efficiency !== undefined && (
        <Fact label="Efficiency">
          {Math.round(
            image.efficiency <= 1 ? image.efficiency * 100 : image.efficiency,
          )}
          %
        </Fact>
      )}
      {image.wastedBytes !== undefined && (
        <Fact label="Wasted">{formatBytes(image.wastedBytes)}</Fact>
      )}
      {image.reclaimableBytes !== undefined && (
        <Fact label="Reclaimable">{formatBytes(image.reclaimableBytes)}</Fact>
      )}
    </Grid>
    <Box mt={2}>
      <LayerChart layers={image.layers} />
    </Box>
  </InfoCard>
);
