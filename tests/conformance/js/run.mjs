// ctest's entry point for the JavaScript conformance suite (see CMakeLists.txt):
// checks that the pinned npm packages are installed, then runs node's built-in
// test runner on the suite with this same node.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

const [major] = process.versions.node.split(".").map(Number);
if (major < 18) {
  console.error(`Node.js ${process.versions.node} is too old for the AWS SDK for JavaScript v3 pinned here; ` +
                "Node.js 18 or newer is needed (scripts/install-deps.sh installs Debian 12's).");
  process.exit(1);
}

for (const pkg of ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"]) {
  if (!existsSync(join(here, "node_modules", pkg, "package.json"))) {
    console.error(`${pkg} is not installed in ${join(here, "node_modules")}.\n` +
                  "Run scripts/install-deps.sh (it runs `npm ci` in tests/conformance/js from package-lock.json).");
    process.exit(1);
  }
}

const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", join(here, "dynamodb.test.mjs")],
                         { cwd: here, stdio: "inherit" });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
