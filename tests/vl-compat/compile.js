// Compile each Vega-Lite spec (a JSON file named on the command line) with the Vega-Lite and Vega
// versions that JupyterLab bundles (package.json), and print one JSON line per spec: its errors and warnings.
const fs = require("fs");
const vl = require("vega-lite");
const vega = require("vega");

for (const file of process.argv.slice(2)) {
  const warnings = [];
  const logger = {
    level() { return this; },
    warn(...args) { warnings.push(args.join(" ")); return this; },
    info() { return this; },
    debug() { return this; },
    error(...args) { throw new Error(args.join(" ")); },
  };
  let error = null;
  try {
    const spec = JSON.parse(fs.readFileSync(file, "utf8"));
    const compiled = vl.compile(spec, { logger }).spec;
    vega.parse(compiled);
  } catch (err) {
    error = String(err && err.message ? err.message : err);
  }
  console.log(JSON.stringify({ file, version: vl.version, vega: vega.version, error, warnings }));
}
