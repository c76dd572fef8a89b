import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { ScanStatus } from '@image-health/plugin-image-health-common';
import { imageHealthApiRef } from '../../api';

export type RescanState =
  | { phase: 'idle' }
  | { phase: 'requesting' }
  | { phase: 'polling'; scan: ScanStatus }
  | { phase: 'failed'; error: string };

/**
 * Queues a scan and polls it until it ends; calls `onFinished` when a new
 * report is there. Polling stops when the component unmounts.
 */
export function useRescan(
  entity: CompoundEntityRef,
  onFinished: () => void,
  pollIntervalMs = 2000,
) {
  const api = useApi(imageHealthApiRef);
  const [state, setState] = useState<RescanState>({ phase: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const mounted = useRef(true);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
    };
  }, []);

  const poll = useCallback(
    (id: string) => {
      timer.current = setTimeout(async () => {
        try {
          const scan = await api.getScan(id);
          if (!mounted.current) return;
          if (scan.state === 'succeeded') {
            setState({ phase: 'idle' });
            finished.current();
          } else if (scan.state === 'failed') {
            setState({
              phase: 'failed',
              error: scan.error ?? 'The scan failed without a reason.',
            });
            finished.current();
          } else {
            setState({ phase: 'polling', scan });
            poll(id);
          }
        } catch (e) {
          if (mounted.current) {
            setState({ phase: 'failed', error: (e as Error).message });
          }
        }
      }, pollIntervalMs);
    },
    [api, pollIntervalMs],
  );

  const rescan = useCallback(async () => {
    setState({ phase: 'requesting' });
    try {
      const scan = await api.requestScan(entity);
      if (!mounted.current) return;
      setState({ phase: 'polling', scan });
      poll(scan.id);
    } catch (e) {
      if (mounted.current) {
        setState({ phase: 'failed', error: (e as Error).message });
      }
    }
  }, [api, entity, poll]);

  return { state, rescan };
}
