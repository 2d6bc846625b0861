/**
 * One-at-a-time runner for read-modify-write work on shared storage: each call starts after the previous
 * one settled, so two writes at the same instant cannot both read the old value and lose one change.
 * A failed step rejects its own caller only; the chain goes on.
 */
export function serial(): <T>(work: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
}
