import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import {
  formatBytes,
  type Layer,
} from '@image-health/plugin-image-health-common';
import { shortDigest } from '../common';

const useStyles = makeStyles((theme: BackstageTheme) => ({
  barCell: {
    width: '35%',
    minWidth: 120,
  },
  track: {
    position: 'relative',
    height: 14,
    borderRadius: 2,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  size: {
    position: 'absolute',
    left: 0,
    top: 0,
    bottom: 0,
    backgroundColor: theme.palette.primary.main,
  },
  wasted: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    backgroundColor: theme.palette.status.error,
  },
  createdBy: {
    fontFamily: 'monospace',
    fontSize: theme.typography.pxToRem(12),
    maxWidth: 520,
    wordBreak: 'break-all',
    // Long RUN lines are clamped visually; the whole line stays in the DOM
    // for screen readers and in the title for a pointer.
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  legend: {
    display: 'inline-block',
    width: 10,
    height: 10,
    marginRight: 4,
    marginLeft: 12,
    borderRadius: 2,
  },
}));

/** Docker writes `/bin/sh -c #(nop) ` before metadata-only history lines. */
function historyLine(createdBy: string): string {
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .trim();
}

/**
 * One bar per filesystem layer, in build order: its size against the largest
 * layer, the part of it that later layers delete or overwrite (wasted), and
 * the history line that made it.
 */
export const LayerChart = ({ layers }: { layers: Layer[] }) => {
  const classes = useStyles();
  const filesystemLayers = layers.filter(layer => !layer.emptyLayer);
  const sizeOf = (layer: Layer) =>
    layer.uncompressedBytes ?? layer.compressedBytes;
  const largest = Math.max(1, ...filesystemLayers.map(sizeOf));
  const hasWasted = filesystemLayers.some(layer => layer.wastedBytes);

  return (
    <>
      <Typography variant="body2" color="textSecondary" component="div">
        {filesystemLayers.length} layers
        {layers.length > filesystemLayers.length &&
          `, ${
            layers.length - filesystemLayers.length
          } metadata-only history entries not shown`}
        <span
          className={`${classes.legend} ${classes.size}`}
          style={{ position: 'static' }}
          aria-hidden
        />
        size
        {hasWasted && (
          <>
            <span
              className={`${classes.legend} ${classes.wasted}`}
              style={{ position: 'static' }}
              aria-hidden
            />
            wasted
          </>
        )}
      </Typography>
      <Table size="small" aria-label="Layer chart">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell className={classes.barCell}>Size</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              Wasted
            </TableCell>
            <TableCell>Created by</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {filesystemLayers.map((layer, index) => {
            const size = sizeOf(layer);
            const sizeShare = (size / largest) * 100;
            const wastedShare = layer.wastedBytes
              ? Math.min(sizeShare, (layer.wastedBytes / largest) * 100)
              : 0;
            const line = historyLine(layer.createdBy);
            return (
              <TableRow key={`${layer.digest}-${index}`}>
                <TableCell title={layer.digest}>
                  {index + 1}
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {shortDigest(layer.digest)}
                  </Typography>
                </TableCell>
                <TableCell className={classes.barCell}>
                  <div className={classes.track} aria-hidden>
                    <div
                      className={classes.size}
                      style={{ width: `${sizeShare}%` }}
                    />
                    {wastedShare > 0 && (
                      <div
                        className={classes.wasted}
                        style={{
                          left: `${sizeShare - wastedShare}%`,
                          width: `${wastedShare}%`,
                        }}
                      />
                    )}
                  </div>
                </TableCell>
                <TableCell align="right">
                  {formatBytes(size)}
                  {layer.uncompressedBytes !== undefined && (
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      {formatBytes(layer.compressedBytes)} compressed
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">
                  {layer.wastedBytes ? formatBytes(layer.wastedBytes) : '–'}
                </TableCell>
                <TableCell>
                  <div className={classes.createdBy} title={line}>
                    {line}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
};
