/**
 * Tailwind 4 reads its theme from CSS (`@theme` in app/globals.css); this file only names the
 * content roots for editors and tooling that still look for a config file.
 */
const config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
};

export default config;
