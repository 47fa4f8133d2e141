// @actions/workflow-parser, loadable under Node: its ESM build imports its
// schemas (workflow-v1.0.min.json, action-v1.0.min.json) without the
// `with { type: "json" }` attribute Node requires, which a bundler accepts
// and Node refuses (ERR_IMPORT_ATTRIBUTE_MISSING; actions/languageservices
// issue 387). A resolve hook supplies the attribute for those two JSON files
// of that package only; everything else resolves untouched. The package is
// then imported dynamically, after the hook is in place.
import { registerHooks } from "node:module";

const PACKAGE_DIST = /\/node_modules\/@actions\/workflow-parser\/dist\/[^/]+\.json$/;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (PACKAGE_DIST.test(resolved.url) && context.importAttributes.type === undefined) {
      return { ...resolved, importAttributes: { ...context.importAttributes, type: "json" } };
    }
    return resolved;
  },
});

export const workflowParser = await import("@actions/workflow-parser");
export const actionParser = await import("@actions/workflow-parser/actions/index");
