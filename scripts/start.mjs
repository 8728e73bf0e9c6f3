// `npm start`: the console and the App Mesh API on an embedded SQLite at http://127.0.0.1:8080.
// Installs what is missing, rebuilds the console and the compiled server when their sources are newer
// (a `git pull`), then runs the compiled JavaScript in this very process: signals (Ctrl-C, SIGTERM
// from a supervisor) reach the server's graceful shutdown directly.
import { ensureNodeModules, ensureServerBuild, ensureWebBuild } from './ensure-install.mjs';
import { ensureNode } from './ensure-node.mjs';
import { pathToFileURL } from 'node:url';

ensureNode();
ensureNodeModules();
ensureWebBuild();
const server = await ensureServerBuild();
// Stack traces name the TypeScript sources (the build writes a source map beside the bundle).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(server).href);
