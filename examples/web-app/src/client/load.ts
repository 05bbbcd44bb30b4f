// Loading what a page shows, and showing what went wrong the way the API said it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { html } from './html.js';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: string | null;
  /** True from a (re)load's start until its answer: a table shows aria-busy meanwhile. */
  readonly loading: boolean;
  readonly reload: () => void;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const where =
      error.field === undefined ? '' : ` (${error.field}${error.rule === undefined ? '' : `: ${error.rule}`})`;
    return `${error.message}${where}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function useLoad<T>(load: () => Promise<T>, dependencies: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  // What the shown answer was loaded for: busy from the very render that asks for something else.
  const wanted = JSON.stringify([...dependencies, round]);
  const [answered, setAnswered] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setAnswered(wanted);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(describeError(failure));
        setAnswered(wanted);
      },
    );
    return () => {
      current = false;
    };
    // The caller lists what the load depends on, as with useEffect.
  }, [...dependencies, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, error, loading: answered !== wanted, reload };
}

/** Runs an action, then `after`; a refusal is shown in the page's alert line. */
export function useAction(after: () => void): {
  readonly failure: string | null;
  readonly run: (action: () => Promise<unknown>) => Promise<void>;
} {
  const [failure, setFailure] = useState<string | null>(null);
  return {
    failure,
    run: async (action) => {
      try {
        await action();
        setFailure(null);
        after();
      } catch (error) {
        setFailure(describeError(error));
      }
    },
  };
}

export const Alert = ({ message }: { readonly message: string | null }) =>
  message === null ? null : html`<p class="alert" role="alert">${message}</p>`;

export const formatMoney = (money: { readonly amountMinor: number; readonly currency: string } | null): string =>
  money === null
    ? ''
    : new Intl.NumberFormat('en-GB', { style: 'currency', currency: money.currency, maximumFractionDigits: 0 }).format(
        money.amountMinor / 100,
      );
