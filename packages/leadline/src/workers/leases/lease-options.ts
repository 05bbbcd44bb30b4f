// The facade's choice of projection runner: one of its own, or one sharing the projections with the
// other processes of a group through leases in the read-model database (docs/operating.md).
import {
  createLeasedProjectionRunner,
  createProjectionRunner,
  type ProjectionLeaseOptions,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
} from '@leadline/projections';
import { InvalidOptionError } from '../../commands/errors.js';

/** Below this a renewal cannot keep up with a loaded machine, and leases would change hands for nothing. */
export const MIN_TAKEOVER_WITHIN_MS = 500;

export function validateLeaseOptions(leases: ProjectionLeaseOptions): ProjectionLeaseOptions {
  const bound = leases.takeoverWithinMs;
  if (bound !== undefined && (!Number.isSafeInteger(bound) || bound < MIN_TAKEOVER_WITHIN_MS))
    throw new InvalidOptionError(
      'leases.takeoverWithinMs',
      'at-least-500',
      `leases.takeoverWithinMs must be a whole number of milliseconds, at least ${MIN_TAKEOVER_WITHIN_MS}, not ${bound}.`,
    );
  for (const field of ['owner', 'group'] as const) {
    const value = leases[field];
    if (value !== undefined && (value.trim() === '' || value.length > 200))
      throw new InvalidOptionError(
        `leases.${field}`,
        'non-empty',
        `leases.${field} must be non-empty text of at most 200 characters.`,
      );
  }
  return leases;
}

/** Leased when `leases` is given: several processes then share the projections, one owner each. */
export function projectionRunnerFor(
  options: Omit<ProjectionRunnerOptions, 'fenceOf'>,
  leases: ProjectionLeaseOptions | undefined,
): ProjectionRunner {
  return leases === undefined
    ? createProjectionRunner(options)
    : createLeasedProjectionRunner({ ...options, lease: validateLeaseOptions(leases) });
}
