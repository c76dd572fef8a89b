import { Tab, Tabs } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type {
  DockerfileDiscovery,
  DockerfileResult,
} from '@image-health/plugin-image-health-common';

/**
 * One tab per Dockerfile of the entity (a monorepo component has several):
 * the findings, parse errors and suggested Dockerfile below are the selected
 * one's; the score above is the worst Dockerfile's.
 */
export const DockerfileSwitch = ({
  dockerfiles,
  discovery,
  selected,
  onSelect,
}: {
  dockerfiles: DockerfileResult[];
  discovery?: DockerfileDiscovery;
  selected: number;
  onSelect: (index: number) => void;
}) => (
  <InfoCard
    title={`Dockerfiles (${dockerfiles.length})`}
    subheader={
      discovery?.method === 'search'
        ? 'Found in the source location. The score is the worst Dockerfile’s; the findings below are the selected one’s.'
        : 'The score is the worst Dockerfile’s; the findings below are the selected one’s.'
    }
    noPadding
  >
    <Tabs
      value={selected}
      onChange={(_, index: number) => onSelect(index)}
      variant="scrollable"
      scrollButtons="auto"
      indicatorColor="primary"
      aria-label="Dockerfiles"
    >
      {dockerfiles.map(dockerfile => (
        <Tab
          key={dockerfile.location}
          label={`${dockerfile.location} (${dockerfile.findings.length})`}
          style={{ textTransform: 'none' }}
        />
      ))}
    </Tabs>
  </InfoCard>
);

/** Why the report may not cover every Dockerfile of the entity. */
export function discoveryNotice(
  discovery: DockerfileDiscovery | undefined,
): { title: string; message: string } | undefined {
  if (!discovery?.message) return undefined;
  return {
    title:
      discovery.method === 'root'
        ? 'Only the root Dockerfile was scanned'
        : 'Not every Dockerfile found was scanned',
    message: discovery.message,
  };
}
