// The layout worker: ELK's own worker build. Loaded in a worker, it answers ELK's layout requests
// (elk-api's `workerFactory` sends them), so ELK's second or so on 1,000 nodes never blocks the page.
// ELK's bundled build cannot be used here: inside a worker it installs itself as the message handler
// instead of exporting the in-process worker it uses in node.
import 'elkjs/lib/elk-worker.min.js';
