// Debian's Chromium as every browser test and benchmark launches it: headless, without a sandbox
// (root in CI), and with nothing reaching beyond this machine.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
