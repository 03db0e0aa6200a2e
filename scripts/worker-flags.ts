/**
 * How Node runs the worker (`npm start` spawns it so; package.json's `worker` script says the
 * same). A young generation of 4 MB semi-spaces instead of V8's 16 MB keeps a large export's
 * short-lived buffers from growing the process: a 500,000-row export peaks at about 186 MiB of
 * resident memory instead of about 218 (docs/performance.md), for a few more minor collections.
 */
export const WORKER_NODE_FLAGS = ['--conditions=react-server', '--max-semi-space-size=4', '--import', 'tsx'];
