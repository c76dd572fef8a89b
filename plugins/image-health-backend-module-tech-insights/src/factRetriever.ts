import {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { parseEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { IMAGE_HEALTH_FACT_SCHEMA, imageHealthFacts } from './facts';
import { ImageHealthReports } from './ImageHealthReports';

/** Reports read at once; each is one request to the image-health backend. */
const CONCURRENT_REPORTS = 4;

/**
 * Image Health's facts for every entity it has a report of. Configure its
 * cadence under `techInsights.factRetrievers.imageHealthFactRetriever`.
 */
export const imageHealthFactRetriever: FactRetriever = {
  id: 'imageHealthFactRetriever',
  version: '0.1.0',
  title: 'Image Health',
  description:
    "Score, grade, size against budget, root user and error findings of each entity's container images, from Image Health's latest report",
  schema: IMAGE_HEALTH_FACT_SCHEMA,
  async handler({ discovery, auth, logger }) {
    const reports = new ImageHealthReports(discovery, auth);
    const facts: TechInsightFact[] = [];
    for await (const rows of reports.scanned()) {
      for (let i = 0; i < rows.length; i += CONCURRENT_REPORTS) {
        const batch = rows.slice(i, i + CONCURRENT_REPORTS);
        const read = await Promise.all(
          batch.map(async row => {
            try {
              const report = await reports.report(row.entityRef);
              return report && { row, report };
            } catch (error) {
              // One unreadable report must not cost every other entity its facts.
              logger.warn(
                `could not read the Image Health report of ${row.entityRef}: ${
                  isError(error) ? error.message : error
                }`,
              );
              return undefined;
            }
          }),
        );
        for (const entry of read) {
          if (!entry) continue;
          const { kind, namespace, name } = parseEntityRef(entry.row.entityRef);
          facts.push({
            entity: { kind, namespace, name },
            facts: imageHealthFacts(entry.row, entry.report),
          });
        }
      }
    }
    return facts;
  },
};
