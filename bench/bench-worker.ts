// Worker threads of the benchmarks (simulated ADS clients, the API client): compiled by esbuild as the
// server is (bench/compiled-server.ts), since tsx's kept function names cost the workers ~15% of their
// CPU on the same two cores the measured server runs on; MW_BENCH_TSX=1 loads the TypeScript through tsx.
// A worker that fails ends the benchmark: its rounds would otherwise wait for answers that never come.
import { Worker } from 'node:worker_threads';
import { compiledWorker } from './compiled-server';

/** Starts `file` (a path from the checkout's root, e.g. 'bench/xds-clients.worker.ts') in a worker thread. */
export async function benchWorker(file: string, workerData: unknown, what: string): Promise<Worker> {
  const worker =
    process.env.MW_BENCH_TSX === '1'
      ? // Workers do not inherit tsx's loader: register it inside the worker, then load the TypeScript file.
        new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(new URL(`../${file}`, import.meta.url).href)}); })`, { eval: true, workerData })
      : new Worker(await compiledWorker(file), { workerData });
  worker.on('error', (e) => {
    console.error(`${what} failed:`, e);
    process.exit(1);
  });
  return worker;
}
