// Middlewares that always run together, in one order, as one Express layer: each layer mounted at
// a path costs a path match, a prefix trim, its restore and a URL re-parse per request.
import type { RequestHandler } from 'express';

/** The handlers in order, as Express runs consecutive layers: an error skips the rest (to the error middleware). */
export function inSeries(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    const run = (i: number): void => {
      const handler = handlers[i];
      if (!handler) return next();
      // As Express's Layer: a falsy argument (or 'route') continues, anything else is an error.
      const onNext = (arg?: unknown) => (arg && arg !== 'route' ? next(arg) : run(i + 1));
      try {
        const ret: unknown = handler(req, res, onNext);
        // Express 5 passes a rejected promise's reason on as the error.
        if (ret instanceof Promise) ret.then(undefined, (err: unknown) => next(err ?? new Error('Rejected promise')));
      } catch (err) {
        next(err);
      }
    };
    run(0);
  };
}
