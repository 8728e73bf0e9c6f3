// `npm start`: the console and the App Mesh API on an embedded SQLite at http://127.0.0.1:8080.
import { ensureNodeModules, ensureWebBuild, run } from './ensure-install.mjs';
import { ensureNode } from './ensure-node.mjs';

ensureNode();
ensureNodeModules();
ensureWebBuild();
process.exit(run('npx', ['tsx', 'apps/bff/src/server.ts']));
