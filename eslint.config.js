// ESLint for the site's own scripts (docs/javascripts/), run by `make lint`. They are plain
// scripts, not modules (no build step: each is served as written), written for the browsers
// the site supports; the vendored libraries are others' code and are not checked.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["docs/javascripts/vendor/**", "site/**", ".site-*/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["docs/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "smart"],
      "no-implicit-globals": "error",
    },
  },
  {
    files: ["docs/javascripts/search-worker.js"],
    // A worker's top level is its own scope, not the page's.
    languageOptions: { globals: { ...globals.worker } },
    rules: { "no-implicit-globals": "off" },
  },
  {
    // The plan checker names control characters on purpose: they are what it refuses.
    files: ["docs/javascripts/plan-check.js"],
    rules: { "no-control-regex": "off" },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
